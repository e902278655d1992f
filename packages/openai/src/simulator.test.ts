import type { AssistantPart, StreamEvent, TokenUsage } from '@fluxcore/message';
import { decodeInPieces, openaiSimulator, type Scenario, type SimulatedCall } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { azureOpenAI, openai } from './index.js';

/** Rebuild the answer a decoded stream carried, to compare it with the non-stream reading. */
function collect(events: StreamEvent[]): { content: AssistantPart[]; finishReason?: string; usage?: TokenUsage } {
  const content: AssistantPart[] = [];
  let finishReason: string | undefined;
  let usage: TokenUsage | undefined;
  for (const event of events) {
    if (event.type === 'text-start') content.push({ type: 'text', text: '' });
    if (event.type === 'reasoning-start') content.push({ type: 'reasoning', text: '' });
    if (event.type === 'tool-call-start') content.push({ type: 'tool-call', id: event.id, name: event.name, arguments: '' });
    const last = content.at(-1);
    if ((event.type === 'text-delta' || event.type === 'reasoning-delta') && last !== undefined && 'text' in last) last.text += event.text;
    if (event.type === 'tool-call-delta' && last?.type === 'tool-call') last.arguments += event.argumentsDelta;
    if (event.type === 'finish') {
      finishReason = event.finishReason;
      usage = event.usage;
    }
  }
  return { content, ...(finishReason === undefined ? {} : { finishReason }), ...(usage === undefined ? {} : { usage }) };
}

const decodeFrames = (frames: string[]): StreamEvent[] => decodeInPieces(openai.createStreamDecoder(), frames.join(''));

const scenarios: Array<[string, Scenario]> = [
  ['text', { text: 'The quick brown fox.' }],
  ['reasoning then text', { reasoning: { text: 'Let me think.' }, text: 'Done.', usage: { inputTokens: 10, outputTokens: 30, reasoningTokens: 20 } }],
  [
    'parallel tool calls',
    {
      text: 'Calling.',
      toolCalls: [
        { id: 'call_1', name: 'a', arguments: { x: 1 } },
        { name: 'b', arguments: {} },
      ],
    },
  ],
  ['cached usage', { text: 'ok', usage: { inputTokens: 100, outputTokens: 2, cachedInputTokens: 80 } }],
  ['no usage', { text: 'ok', usage: null }],
  ['length', { text: 'cut', finish: 'length' }],
];

describe('the openai adapter reading the hand-written simulator', () => {
  it.each(scenarios)('reads the same answer from the stream and the body: %s', (_name, scenario) => {
    const response = openai.parseResponse(openaiSimulator.renderResponse(scenario, 'sim'));
    const streamed = collect(decodeFrames(openaiSimulator.renderStream(scenario, 'sim')));
    expect(streamed.content).toEqual(response.content);
    expect(streamed.finishReason).toBe(response.finishReason);
    expect(streamed.usage).toEqual(response.usage);
  });

  it('reads usage in fluxcore terms from the simulator', () => {
    const response = openai.parseResponse(openaiSimulator.renderResponse(scenarios[3]![1], 'sim'));
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 2, cachedInputTokens: 80, reasoningTokens: 0 });
  });

  it('is routed by the simulator with its key, for OpenAI and Azure', () => {
    const request = openai.parseRequest({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
    const calls = [
      openai.buildRequest(request, { baseURL: 'http://127.0.0.1:9/v1', apiKey: 'key-1', model: 'gpt', stream: true }),
      azureOpenAI({ apiVersion: '2024-10-21' }).buildRequest(request, {
        baseURL: 'http://127.0.0.1:9/openai/deployments/d',
        apiKey: 'key-1',
        model: 'gpt',
        stream: false,
      }),
    ];
    expect(calls.map((built) => (JSON.parse(built.body) as { stream?: boolean }).stream)).toEqual([true, undefined]);
    for (const built of calls) {
      const url = new URL(built.url);
      const call: SimulatedCall = { path: url.pathname, query: url.search.slice(1), headers: built.headers, body: JSON.parse(built.body) };
      expect(openaiSimulator.route(call)).toEqual({ stream: call.body === null ? false : (call.body as { stream?: boolean }).stream === true, model: 'gpt' });
      expect(openaiSimulator.apiKeyOf(call)).toBe('key-1');
    }
  });

  it('reads the simulator errors as the right categories', () => {
    const kinds = ['invalid_request', 'authentication', 'permission', 'not_found', 'rate_limit', 'overloaded', 'server', 'request_too_large'] as const;
    const statuses = {
      invalid_request: 400,
      authentication: 401,
      permission: 403,
      not_found: 404,
      rate_limit: 429,
      overloaded: 503,
      server: 500,
      request_too_large: 413,
    };
    for (const kind of kinds) {
      const body = JSON.stringify(openaiSimulator.renderError(kind, statuses[kind], `sim ${kind}`));
      expect(openai.parseError(statuses[kind], body, new Headers()).category).toBe(kind);
    }
    const frame = openaiSimulator.renderStreamError('rate_limit', 'slow') ?? '';
    expect(() => decodeFrames([openaiSimulator.renderStream({ text: 'a' }, 'm')[0]!, frame])).toThrow('slow');
  });
});
