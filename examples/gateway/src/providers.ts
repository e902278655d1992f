import { anthropic } from '@fluxcore/anthropic';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import { anthropicSimulator, openaiSimulator, startUpstream, type Upstream } from '@fluxcore/testkit';

/** The pool the server routes through, and the simulated providers behind it. */
export interface SimulatedBackend {
  readonly pool: EndpointPool;
  readonly upstreams: { anthropic: Upstream; openai: Upstream };
  close(): Promise<void>;
}

/**
 * Two SIMULATED providers on 127.0.0.1 (fluxcore's own test servers from @fluxcore/testkit):
 * an Anthropic-protocol one, cheaper, and an OpenAI-protocol one. OpenAI clients of the server
 * are therefore served by Anthropic, converted both ways, and fail over to OpenAI.
 */
export async function startSimulatedBackend(options: { frameDelayMs?: number } = {}): Promise<SimulatedBackend> {
  const scenario = (name: string) => ({ text: `Hello from the simulated ${name} provider.`, usage: { inputTokens: 11, outputTokens: 8 }, chunkSize: 5 });
  const upstreams = {
    anthropic: await startUpstream({
      simulator: anthropicSimulator,
      apiKey: 'sim-anthropic-key',
      scenario: scenario('anthropic'),
      frameDelayMs: options.frameDelayMs ?? 0,
    }),
    openai: await startUpstream({
      simulator: openaiSimulator,
      apiKey: 'sim-openai-key',
      scenario: scenario('openai'),
      frameDelayMs: options.frameDelayMs ?? 0,
    }),
  };
  const pool = new EndpointPool([
    new Endpoint({
      id: 'claude',
      key: { baseURL: upstreams.anthropic.url, apiKey: 'sim-anthropic-key', protocol: anthropic },
      model: 'claude-haiku-4-5',
      inputPrice: 0.1,
      outputPrice: 0.5,
    }),
    new Endpoint({
      id: 'gpt',
      key: { baseURL: upstreams.openai.url, apiKey: 'sim-openai-key', protocol: openai },
      model: 'gpt-4.1-mini',
      inputPrice: 0.4,
      outputPrice: 1.6,
    }),
  ]);
  return {
    pool,
    upstreams,
    close: async () => {
      await Promise.all([upstreams.anthropic.close(), upstreams.openai.close()]);
    },
  };
}
