import type { FluxError } from '@fluxcore/errors';
import type { StreamEvent } from '@fluxcore/message';
import { assertAnyCutDecodesAlike, decodeInPieces, deeplyNestedJson, fluxErrorOf, reasoningEvents, textEvents } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { openai } from './index.js';

const decode = (wire: string): StreamEvent[] => decodeInPieces(openai.createStreamDecoder(), wire);
const failure = (wire: string): FluxError => fluxErrorOf(() => decode(wire));

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

describe('OpenAI stream decoder', () => {
  it('decodes a text stream with obfuscation, unicode and a usage-only last chunk', () => {
    expect(decode(fixtureText('stream-text.sse'))).toEqual([
      { type: 'start', id: 'chatcmpl-Str1', model: 'gpt-4.1-nano-2025-04-14', created: 1770933892 },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Héllo' },
      { type: 'text-delta', index: 0, text: ', 世界' },
      { type: 'text-delta', index: 0, text: '!' },
      { type: 'text-end', index: 0 },
      { type: 'usage', usage: { inputTokens: 16, outputTokens: 9, cachedInputTokens: 8, reasoningTokens: 0 } },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage: { inputTokens: 16, outputTokens: 9, cachedInputTokens: 8, reasoningTokens: 0 } },
    ]);
  });

  it('decodes text then parallel tool calls whose indices start at 1', () => {
    expect(decode(fixtureText('stream-tools.sse'))).toEqual([
      { type: 'start', id: 'chatcmpl-Tool2', model: 'gpt-4.1-nano-2025-04-14', created: 1770933892 },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Checking.' },
      { type: 'text-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_A', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"ci' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: 'ty":"Paris"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'call_B', name: 'get_time' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{"tz":"CET"}' },
      { type: 'tool-call-end', index: 2 },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls' },
    ]);
  });

  it('keeps interleaved fragments of parallel calls apart', () => {
    const events = decode(fixtureText('stream-interleaved.sse'));
    const calls = new Map<number, { name: string; args: string }>();
    for (const event of events) {
      if (event.type === 'tool-call-start') calls.set(event.index, { name: event.name, args: '' });
      if (event.type === 'tool-call-delta') calls.get(event.index)!.args += event.argumentsDelta;
    }
    expect([...calls.values()]).toEqual([
      { name: 'a', args: '{"n":1}' },
      { name: 'b', args: '{"m":2}' },
    ]);
  });

  it('reads DeepSeek reasoning_content as a reasoning block before the text, with usage on the finish chunk', () => {
    const usage = { inputTokens: 30, outputTokens: 90, cachedInputTokens: 24, reasoningTokens: 70 };
    expect(decode(fixtureText('stream-deepseek-reasoning.sse'))).toEqual([
      { type: 'start', id: 'ds-1', model: 'deepseek-reasoner', created: 1770934000 },
      ...reasoningEvents(0, ['Compare ', 'digits.']),
      ...textEvents(1, '9.11', ' is smaller.'),
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage },
    ]);
  });

  it("skips Azure's leading prompt-filter chunk and takes the id from the answer", () => {
    const events = decode(fixtureText('stream-azure.sse'));
    expect(events[0]).toEqual({ type: 'start', id: 'chatcmpl-Az1', model: 'gpt-4o-2024-11-20', created: 1770935000 });
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([{ type: 'text-delta', index: 0, text: 'Hi' }]);
  });

  it('treats a finish chunk without [DONE] as a complete stream', () => {
    const events = decode(chunk({ role: 'assistant', content: 'a' }) + chunk({}, 'length'));
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'length', rawFinishReason: 'length' });
  });

  it('infers the finish reason when [DONE] arrives without one', () => {
    const events = decode(chunk({ tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }) + 'data: [DONE]\n\n');
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('reads Groq usage from x_groq', () => {
    const wire =
      chunk({ content: 'a' }) +
      `data: ${JSON.stringify({ id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], x_groq: { usage: { prompt_tokens: 3, completion_tokens: 1 } } })}\n\n`;
    expect(decode(wire).at(-1)).toMatchObject({ usage: { inputTokens: 3, outputTokens: 1 } });
  });

  it('generates ids for tool calls sent without index or id, identical to the non-stream ones', () => {
    const events = decode(chunk({ tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] }) + chunk({}, 'tool_calls'));
    expect(events).toContainEqual({ type: 'tool-call-start', index: 0, id: 'call_c1_0', name: 'f' });
  });

  it('reads legacy function_call deltas as one tool call', () => {
    const events = decode(
      chunk({ function_call: { name: 'f', arguments: '{"a"' } }) + chunk({ function_call: { arguments: ':1}' } }) + chunk({}, 'function_call'),
    );
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_c1_0', name: 'f' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a"' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: ':1}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'function_call' },
    ]);
  });

  it('ignores other choices and anything after [DONE]', () => {
    const other = `data: ${JSON.stringify({ id: 'c1', choices: [{ index: 1, delta: { content: 'second choice' }, finish_reason: null }] })}\n\n`;
    const events = decode(chunk({ content: 'first' }) + other + chunk({}, 'stop') + 'data: [DONE]\n\n' + chunk({ content: 'late' }));
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([{ type: 'text-delta', index: 0, text: 'first' }]);
  });

  it.each(['stream-text.sse', 'stream-tools.sse', 'stream-interleaved.sse', 'stream-deepseek-reasoning.sse', 'stream-azure.sse'])(
    'gives the same events for any split of the bytes of %s',
    (name) => assertAnyCutDecodesAlike(() => openai.createStreamDecoder(), fixtureText(name)),
  );

  it('throws the classified error sent inside the stream', () => {
    const error = failure(fixtureText('stream-error.sse'));
    expect(error.category).toBe('server');
    expect(error.message).toBe('The server had an error while processing your request.');
    expect(error.upstreamStatus).toBeUndefined();
  });

  it('classifies in-stream rate limits and errors on an error event line', () => {
    expect(failure(chunk({ content: 'a' }) + 'data: {"error":{"message":"slow","type":"requests","code":"rate_limit_exceeded"}}\n\n').category).toBe(
      'rate_limit',
    );
    expect(failure('event: error\ndata: {"message":"overloaded","type":"overloaded_error"}\n\n').category).toBe('overloaded');
  });

  it('classifies an in-stream error with a field nested deeper than JSON.stringify can write by its code', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const wire = chunk({ content: 'a' }) + `data: {"error":{"message":"slow","code":"rate_limit_exceeded","metadata":${deep}}}\n\n`;
    expect(failure(wire)).toMatchObject({ category: 'rate_limit', message: 'slow' });
  });

  it('reads an in-stream error given as a bare string', () => {
    const error = failure(chunk({ content: 'a' }) + 'data: {"error":"model crashed"}\n\n');
    expect(error).toMatchObject({ category: 'server', message: 'model crashed' });
  });

  it('throws upstream_protocol for a stream that ends without a finish', () => {
    const error = failure(chunk({ role: 'assistant' }) + chunk({ content: 'cut off' }));
    expect(error.category).toBe('upstream_protocol');
    expect(error.message).toBe('openai stream end: expected a finish_reason or [DONE] before it');
  });

  it('throws upstream_protocol for an empty stream, bad JSON and non-object chunks', () => {
    expect(failure('').category).toBe('upstream_protocol');
    expect(failure('data: {not json\n\n').message).toBe('openai stream chunk: expected JSON, got "{not json"');
    expect(failure('data: [1,2]\n\n').message).toBe('openai stream chunk: expected an object');
    expect(failure(chunk({ tool_calls: ['x'] }))).toMatchObject({
      category: 'upstream_protocol',
      message: 'openai stream delta.tool_calls[0]: expected an object',
    });
  });

  it('throws upstream_protocol for object arguments nested deeper than JSON.stringify can write, naming the field', () => {
    const deep = deeplyNestedJson();
    const wire = `data: {"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":${deep}}}]}}]}\n\n`;
    expect(failure(wire)).toMatchObject({
      category: 'upstream_protocol',
      message: 'openai stream delta.tool_calls[0].function.arguments: expected JSON nested less deeply',
    });
  });

  it('passes string arguments nested as deeply through verbatim', () => {
    const deep = deeplyNestedJson();
    const events = decode(chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: deep } }] }) + chunk({}, 'tool_calls'));
    expect(events).toContainEqual({ type: 'tool-call-delta', index: 0, argumentsDelta: deep });
  });

  it('throws when a live tool call gets arguments after text closed it', () => {
    const wire =
      chunk({ tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] }) +
      chunk({ content: 'text' }) +
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] });
    expect(failure(wire)).toMatchObject({
      category: 'upstream_protocol',
      message: 'openai stream delta.tool_calls[0]: expected no more arguments for tool call index 0, which has ended',
    });
  });
});
