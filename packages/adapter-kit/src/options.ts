import type { ChatRequest, ProtocolAdapter, UpstreamTarget } from '@fluxcore/message';
import type { GrammarValidator } from './grammar.js';
import { DEFAULT_REQUESTS } from './requests.js';
import { DEFAULT_SCENARIOS } from './scenarios.js';
import type { ProviderSimulator, Scenario } from './simulator.js';

/** What an adapter author passes to the conformance suite. */
export interface AdapterConformanceOptions {
  /** The adapter under test. */
  adapter: ProtocolAdapter;
  /** The protocol's wire format written by hand (never by the adapter): answers, streams, errors, routing. */
  simulator: ProviderSimulator;
  /** The grammar a client of the protocol accepts, checked on what the adapter's stream encoder writes. */
  grammar: GrammarValidator;
  /** Answers to check with (default {@link DEFAULT_SCENARIOS}); replace them when your protocol cannot express one. */
  scenarios?: Readonly<Record<string, Scenario>>;
  /** IR requests for the round trip (default {@link DEFAULT_REQUESTS}); `stream` is set by the check. */
  requests?: Readonly<Record<string, Omit<ChatRequest, 'stream'>>>;
  /** The fuzzed checks' seed (default fixed, so a failure replays) and runs per property (default 300). */
  fuzz?: { seed?: number; runs?: number };
}

/** Options with every default filled in. */
export interface ConformanceSubject {
  adapter: ProtocolAdapter;
  simulator: ProviderSimulator;
  grammar: GrammarValidator;
  scenarios: ReadonlyArray<readonly [string, Scenario]>;
  requests: ReadonlyArray<readonly [string, Omit<ChatRequest, 'stream'>]>;
  seed: number;
  runs: number;
}

/** The model every check asks for and every simulated answer names. */
export const KIT_MODEL = 'kit-model';

/** The upstream every built request is addressed to; the key is a marker no error may repeat. */
export function kitTarget(stream: boolean): UpstreamTarget {
  return { baseURL: 'http://127.0.0.1:9', apiKey: 'sk-adapter-kit-marker-0001', model: KIT_MODEL, stream };
}

export function subjectOf(options: AdapterConformanceOptions): ConformanceSubject {
  return {
    adapter: options.adapter,
    simulator: options.simulator,
    grammar: options.grammar,
    scenarios: Object.entries(options.scenarios ?? DEFAULT_SCENARIOS),
    requests: Object.entries(options.requests ?? DEFAULT_REQUESTS),
    seed: options.fuzz?.seed ?? 20_261_126,
    runs: options.fuzz?.runs ?? 300,
  };
}
