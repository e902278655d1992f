import type { Scenario } from '@fluxcore/testkit';
import { cohereSimulator, cohereV1Simulator, decodeInPieces } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { cohere, cohereV1 } from './index.js';

/** The hand-written simulators (not our encoders) as upstreams: streamed and complete answers must agree. */
const scenario: Scenario = {
  text: 'Let me look.',
  toolCalls: [
    { name: 'weather', arguments: { city: 'Oslo' } },
    { name: 'weather', arguments: { city: 'Lima' } },
  ],
  usage: { inputTokens: 40, outputTokens: 9, cachedInputTokens: 10 },
};

function streamedCalls(events: ReturnType<typeof decodeInPieces>): Array<{ id: string; name: string; arguments: string }> {
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  for (const event of events) {
    if (event.type === 'tool-call-start') calls.push({ id: event.id, name: event.name, arguments: '' });
    if (event.type === 'tool-call-delta') calls.at(-1)!.arguments += event.argumentsDelta;
  }
  return calls;
}

describe.each([
  ['cohere', cohere, cohereSimulator],
  ['cohere-v1', cohereV1, cohereV1Simulator],
] as const)('%s adapter reading its simulator', (_, adapter, simulator) => {
  it('decodes the same tool calls, ids, finish and usage streamed as not', () => {
    const complete = adapter.parseResponse(simulator.renderResponse(scenario, 'm'));
    const events = decodeInPieces(adapter.createStreamDecoder(), simulator.renderStream(scenario, 'm').join(''));
    const calls = complete.content.flatMap((p) => (p.type === 'tool-call' ? [{ id: p.id, name: p.name, arguments: p.arguments }] : []));
    expect(streamedCalls(events).map((c) => ({ ...c, arguments: JSON.parse(c.arguments) as unknown }))).toEqual(
      calls.map((c) => ({ ...c, arguments: JSON.parse(c.arguments) as unknown })),
    );
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls', rawFinishReason: complete.rawFinishReason, usage: complete.usage });
    expect(complete.usage).toEqual({ inputTokens: 40, outputTokens: 9, cachedInputTokens: 10 });
    expect(complete.content[0]).toMatchObject({ type: 'text', text: 'Let me look.' });
  });

  it('throws the classified error the simulator sends inside a stream', () => {
    const wire = simulator.renderStream({ text: 'partial' }, 'm').slice(0, 2).join('') + simulator.renderStreamError('server', 'boom');
    expect(() => decodeInPieces(adapter.createStreamDecoder(), wire)).toThrow(expect.objectContaining({ category: 'server' }));
  });

  it('reads its error bodies', () => {
    const body = JSON.stringify(simulator.renderError('rate_limit', 429, 'slow down'));
    expect(adapter.parseError(429, body, { get: () => undefined })).toMatchObject({ category: 'rate_limit', message: 'slow down' });
  });
});
