import { anthropicSimulator, geminiSimulator, openaiSimulator, startUpstream, type ProviderSimulator, type Upstream } from '@fluxcore/testkit';

/** The three providers of the quick start. */
export type ProviderName = 'openai' | 'anthropic' | 'gemini';

/** Where one provider lives and the key it expects. */
export interface ProviderAccess {
  baseURL: string;
  apiKey: string;
}

/** Local stand-ins for the real providers, each speaking its provider's wire format. */
export interface SimulatedProviders {
  /** Base URL and key of each, to put in the pool's keys. */
  readonly access: Record<ProviderName, ProviderAccess>;
  /** The servers themselves, to inject faults and count calls. */
  readonly upstreams: Record<ProviderName, Upstream>;
  close(): Promise<void>;
}

const SIMULATORS: Record<ProviderName, ProviderSimulator> = {
  openai: openaiSimulator,
  anthropic: anthropicSimulator,
  gemini: geminiSimulator,
};

/**
 * Start one simulated provider per protocol on 127.0.0.1 (fluxcore's own test servers from
 * @fluxcore/testkit). Each answers with a sentence naming itself, so the output shows who served
 * a request, and checks its API key like the real service does. `frameDelayMs` paces the stream
 * frames so that a person can watch them arrive.
 */
export async function startSimulatedProviders(options: { frameDelayMs?: number } = {}): Promise<SimulatedProviders> {
  const names = Object.keys(SIMULATORS) as ProviderName[];
  const started = await Promise.all(
    names.map(async (name) => {
      const apiKey = `sim-${name}-key`;
      const upstream = await startUpstream({
        simulator: SIMULATORS[name],
        apiKey,
        scenario: { text: `Hello from the simulated ${name} provider, streamed in small pieces.`, usage: { inputTokens: 18, outputTokens: 13 }, chunkSize: 6 },
        frameDelayMs: options.frameDelayMs ?? 0,
      });
      return { name, upstream, access: { baseURL: upstream.url, apiKey } };
    }),
  );
  const pick = <T>(get: (entry: (typeof started)[number]) => T) =>
    Object.fromEntries(started.map((entry) => [entry.name, get(entry)])) as Record<ProviderName, T>;
  return {
    access: pick((entry) => entry.access),
    upstreams: pick((entry) => entry.upstream),
    close: async () => {
      await Promise.all(started.map((entry) => entry.upstream.close()));
    },
  };
}
