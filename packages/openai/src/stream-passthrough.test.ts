import type { PassthroughOutput, StreamEvent } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { openai } from './index.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Stream `wire` through the passthrough for a client request with these extra fields. */
function passThrough(wire: string, clientFields: Record<string, unknown> = {}): { wire: string; events: StreamEvent[] } {
  const request = openai.parseRequest({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], stream: true, ...clientFields });
  const passthrough = openai.createStreamPassthrough!({ request });
  const outputs: PassthroughOutput[] = [passthrough.push(bytes(wire)), passthrough.end()];
  return { wire: outputs.map((o) => o.wire).join(''), events: outputs.flatMap((o) => o.events) };
}

const TEXT_STREAM = fixtureText('stream-text.sse');
const USAGE_CHUNK = TEXT_STREAM.split('\n\n').find((frame) => frame.includes('"choices":[]'))! + '\n\n';

describe('OpenAI stream passthrough', () => {
  it('forwards every chunk verbatim to a client that asked for stream usage', () => {
    const { wire } = passThrough(TEXT_STREAM, { stream_options: { include_usage: true } });
    expect(wire).toBe(TEXT_STREAM);
  });

  it('drops only the usage-only chunk for a client that did not ask, and still reports its usage', () => {
    const { wire, events } = passThrough(TEXT_STREAM);
    expect(wire).toBe(TEXT_STREAM.replace(USAGE_CHUNK, ''));
    expect(wire.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 16, outputTokens: 9, cachedInputTokens: 8 } });
  });

  it('drops the usage-only chunk for a client that said include_usage: false', () => {
    expect(passThrough(TEXT_STREAM, { stream_options: { include_usage: false } }).wire).not.toContain('"choices":[]');
  });

  it("keeps an empty-choices chunk without usage, like Azure's prompt filter results", () => {
    const azure = fixtureText('stream-azure.sse');
    expect(passThrough(azure).wire).toBe(azure);
  });

  it('keeps usage that arrives on a chunk with choices (Groq, Mistral)', () => {
    const chunk = `data: ${JSON.stringify({ id: 'g1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], x_groq: { id: 'req_1', usage: { prompt_tokens: 3, completion_tokens: 2 } } })}\n\n`;
    const { wire, events } = passThrough(chunk + 'data: [DONE]\n\n');
    expect(wire).toBe(chunk + 'data: [DONE]\n\n');
    expect(events).toContainEqual({ type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } });
  });

  it('ends the client stream with data: [DONE] when the upstream closed after its finish chunk without one', () => {
    const withoutDone = TEXT_STREAM.replace('data: [DONE]\n\n', '');
    const { wire, events } = passThrough(withoutDone, { stream_options: { include_usage: true } });
    expect(wire).toBe(TEXT_STREAM);
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
  });

  it('carries fields the IR does not model, such as logprobs, unchanged', () => {
    const chunk = `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.01,"bytes":[72,105],"top_logprobs":[]}]},"finish_reason":"stop"}]}\n\n`;
    expect(passThrough(chunk + 'data: [DONE]\n\n').wire).toBe(chunk + 'data: [DONE]\n\n');
  });

  it('forwards nothing the upstream sends after data: [DONE], whole frames or an unfinished one', () => {
    const after = 'data: {not json\n\n: comment\n\ndata: {"id":"late","choices":[{"index":0,"delta":{"content":"late"}}]}\n\ndata: {"unfinished';
    expect(TEXT_STREAM.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(passThrough(TEXT_STREAM + after, { stream_options: { include_usage: true } }).wire).toBe(TEXT_STREAM);
    expect(passThrough(TEXT_STREAM + after).wire).toBe(TEXT_STREAM.replace(USAGE_CHUNK, ''));
  });

  it('throws the classified error of an in-stream error chunk', () => {
    const request = openai.parseRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const passthrough = openai.createStreamPassthrough!({ request });
    expect(() => passthrough.push(bytes('data: {"error":{"message":"overloaded","type":"server_error","code":"overloaded"}}\n\n'))).toThrow(
      expect.objectContaining({ category: 'overloaded' }) as Error,
    );
  });
});
