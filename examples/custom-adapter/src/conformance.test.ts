import { runAdapterConformance } from '@fluxcore/adapter-kit';
import { describe, it } from 'vitest';
import { validateOllamaStream } from './__fixtures__/ollama-grammar.js';
import { ollamaSimulator } from './__fixtures__/ollama-simulator.js';
import { ollama } from './index.js';

// The suite every built-in fluxcore adapter passes, against this one: request round trip,
// answers, streams (checked with Ollama's grammar), split chunks, errors, and fuzzed input.
runAdapterConformance({ adapter: ollama, simulator: ollamaSimulator, grammar: validateOllamaStream, describe, it });
