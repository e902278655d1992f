import type { Scenario, UpstreamCall } from '@fluxcore/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_KEY, startHarness, type Harness } from '../harness.js';
import { sdkClients } from './clients.js';

/** The simulated upstreams, one per protocol: each answers a tool call when offered tools, else text. */
const UPSTREAM_PROTOCOLS = ['openai', 'anthropic', 'gemini', 'cohere', 'cohere-v1'] as const;

const TEXT = 'Sunny in Paris, 21 degrees.';

function scenario(call: UpstreamCall): Scenario {
  const body = call.body as { tools?: unknown[] } | undefined;
  return Array.isArray(body?.tools) && body.tools.length > 0
    ? { toolCalls: [{ id: 'call_e2e_1', name: 'get_weather', arguments: { city: 'Paris' } }], usage: { inputTokens: 40, outputTokens: 12 } }
    : { text: TEXT, usage: { inputTokens: 20, outputTokens: 9 }, chunkSize: 5 };
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness(Object.fromEntries(UPSTREAM_PROTOCOLS.map((p) => [`up-${p}`, { protocol: p, inputPrice: 1, outputPrice: 2, scenario }])), {
    auth: { keys: [GATEWAY_KEY] },
  });
});
afterAll(() => h.close());

/**
 * Every client protocol against every upstream protocol (so each against at least two others),
 * streamed and not, text and tool calls, through the official SDKs. The model name picks the
 * upstream: model `up-gemini` is served by the Gemini-protocol upstream only.
 */
describe.each(['openai', 'anthropic', 'gemini', 'cohere', 'cohere-v1'])('%s SDK', (clientProtocol) => {
  const client = () => sdkClients(h.url, GATEWAY_KEY).find((c) => c.protocol === clientProtocol)!;

  describe.each(UPSTREAM_PROTOCOLS.map((p) => `up-${p}`))('through %s', (model) => {
    it.each([false, true])('gets the text answer (stream: %s)', async (stream) => {
      expect(await client().text(model, stream)).toEqual({ text: TEXT });
    });

    it.each([false, true])('gets the tool call (stream: %s)', async (stream) => {
      expect(await client().tool(model, stream)).toEqual({ name: 'get_weather', args: { city: 'Paris' } });
    });
  });
});
