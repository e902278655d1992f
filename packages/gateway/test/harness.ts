import {
  anthropicSimulator,
  cohereSimulator,
  cohereV1Simulator,
  geminiSimulator,
  openaiSimulator,
  startUpstream,
  type ProviderSimulator,
  type Scenario,
  type ScenarioSource,
  type Upstream,
} from '@fluxcore/testkit';
import { Writable } from 'node:stream';
import { createGateway, type Gateway, type GatewayConfig, type GatewayOptions } from '../src/index.js';

/** The simulators by protocol name. */
export const SIMULATORS: Record<string, ProviderSimulator> = {
  openai: openaiSimulator!,
  anthropic: anthropicSimulator!,
  gemini: geminiSimulator!,
  cohere: cohereSimulator!,
  'cohere-v1': cohereV1Simulator!,
};

/** The provider key every simulated upstream expects, per protocol (never a real key). */
export const upstreamKey = (protocol: string): string => `sim-${protocol}-upstream-key-0001`;

/** The gateway key the test clients present. */
export const GATEWAY_KEY = 'gw-test-key-0001';

/** One simulated upstream in a test gateway's config. */
export interface UpstreamSpec {
  protocol: string;
  inputPrice: number;
  outputPrice: number;
  scenario?: ScenarioSource;
  breaker?: { threshold?: number; recoveryTimeoutMs?: number };
  /** Pause between stream frames, so that a client sees content before a later fault. */
  frameDelayMs?: number;
}

/** A gateway in front of simulated upstreams, with its log lines captured. */
export interface Harness {
  gateway: Gateway;
  url: string;
  upstreams: Record<string, Upstream>;
  logs: string[];
  close(): Promise<void>;
}

export const DEFAULT_SCENARIO: Scenario = { text: 'Hello from the simulated upstream.', usage: { inputTokens: 12, outputTokens: 7 } };

/**
 * Start one simulated upstream per spec (endpoint id = spec name), a gateway whose model
 * `test-model` pools all of them (plus one model per endpoint, named after it), and listen
 * on a free port.
 */
export async function startHarness(
  specs: Record<string, UpstreamSpec>,
  extra: Partial<GatewayConfig> & { retries?: number; extraModels?: GatewayConfig['models']; protocols?: GatewayOptions['protocols'] } = {},
): Promise<Harness> {
  const upstreams: Record<string, Upstream> = {};
  const keys: GatewayConfig['keys'] = {};
  const endpoints: GatewayConfig['endpoints'] = {};
  for (const [name, spec] of Object.entries(specs)) {
    upstreams[name] = await startUpstream({
      simulator: SIMULATORS[spec.protocol]!,
      apiKey: upstreamKey(spec.protocol),
      scenario: spec.scenario ?? DEFAULT_SCENARIO,
      ...(spec.frameDelayMs !== undefined && { frameDelayMs: spec.frameDelayMs }),
    });
    keys[name] = { protocol: spec.protocol, baseURL: upstreams[name]!.url, apiKey: upstreamKey(spec.protocol) };
    endpoints[name] = {
      key: name,
      model: `${name}-upstream-model`,
      inputPrice: spec.inputPrice,
      outputPrice: spec.outputPrice,
      ...(spec.breaker && { breaker: spec.breaker }),
    };
  }
  const { retries, extraModels, protocols, ...rest } = extra;
  const models: GatewayConfig['models'] = { 'test-model': { endpoints: Object.keys(specs), retries: retries ?? 2 } };
  for (const name of Object.keys(specs)) models[name] = { endpoints: [name], retries: 0 };
  Object.assign(models, extraModels);
  const logs: string[] = [];
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const gateway = createGateway({ keys, endpoints, models, log: { level: 'debug' }, ...rest }, { log, ...(protocols && { protocols }) });
  const url = await gateway.start(0, '127.0.0.1');
  return {
    gateway,
    url,
    upstreams,
    logs,
    async close() {
      await gateway.shutdown({ graceMs: 0 });
      await Promise.all(Object.values(upstreams).map((u) => u.close()));
    },
  };
}
