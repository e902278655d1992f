import { runAdapterConformance } from '@fluxcore/adapter-kit';
import { describe, it } from 'vitest';
import { PROTOCOLS } from '../matrix/protocols.js';

// The published conformance kit, run against every built-in adapter exactly as an adapter
// author runs it against theirs (hono runs one router spec against every router the same way).
for (const { adapter, simulator, validate } of PROTOCOLS) {
  runAdapterConformance({ adapter, simulator, grammar: validate, describe, it });
}
