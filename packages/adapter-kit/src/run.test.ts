import type { ProtocolAdapter } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CHECKS } from './checks.js';
import type { GrammarValidator } from './grammar.js';
import { runAdapterConformance } from './run.js';
import type { ProviderSimulator } from './simulator.js';

describe('runAdapterConformance', () => {
  it('registers one describe block named for the adapter, with one test per check and a fuzz-sized timeout', () => {
    const registered: Array<{ suite: string; test: string; timeoutMs?: number }> = [];
    let suite = '';
    runAdapterConformance({
      adapter: { name: 'toy' } as ProtocolAdapter,
      simulator: {} as ProviderSimulator,
      grammar: (() => ({})) as unknown as GrammarValidator,
      describe: (name, body) => {
        suite = name;
        body();
      },
      it: (test, _body, timeoutMs) => registered.push({ suite, test, ...(timeoutMs === undefined ? {} : { timeoutMs }) }),
    });
    expect(registered.map((r) => r.test)).toEqual(CONFORMANCE_CHECKS.map((check) => check.name));
    expect(new Set(registered.map((r) => r.suite))).toEqual(new Set(['toy adapter conformance']));
    expect(registered.every((r) => (r.timeoutMs ?? 0) >= 30_000)).toBe(true);
  });

  it('runs nothing while registering: a check runs only when the runner calls its test', () => {
    const bodies: Array<() => void> = [];
    const adapter = new Proxy({ name: 'toy' }, { get: (target, key) => (key === 'name' ? target.name : () => expect.unreachable(`called ${String(key)}`)) });
    runAdapterConformance({
      adapter: adapter as unknown as ProtocolAdapter,
      simulator: {} as ProviderSimulator,
      grammar: (() => ({})) as unknown as GrammarValidator,
      describe: (_name, body) => body(),
      it: (_name, body) => bodies.push(body),
    });
    expect(bodies).toHaveLength(CONFORMANCE_CHECKS.length);
  });
});
