import { describe, expect, it } from 'vitest';
import { openaiSimulator } from '../simulators/openai.js';
import { validateOpenaiStream } from './openai.js';

const envelope = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-x' };
const frame = (delta: object, finish: string | null = null, extra: object = {}) =>
  `data: ${JSON.stringify({ ...envelope, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
const usageFrame = (usage: object) => `data: ${JSON.stringify({ ...envelope, choices: [], usage })}\n\n`;
const DONE = 'data: [DONE]\n\n';

const role = frame({ role: 'assistant', content: '' });
const finish = frame({}, 'stop');
const usage = usageFrame({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, prompt_tokens_details: { cached_tokens: 1 } });

describe('validateOpenaiStream', () => {
  it('accepts a text stream and reports its text, finish reason and usage', () => {
    const result = validateOpenaiStream(role + frame({ content: 'Hel' }) + frame({ content: 'lo' }) + finish + usage + DONE);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ text: 'Hello', finishReason: 'stop', endedWithError: false });
    expect(result.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, 'prompt_tokens_details.cached_tokens': 1 });
  });

  it('accepts parallel tool calls and joins their argument fragments', () => {
    const wire =
      role +
      frame({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] }) +
      frame({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }) +
      frame({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }) +
      frame({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } }] }) +
      frame({}, 'tool_calls') +
      DONE;
    const result = validateOpenaiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result.toolCalls).toEqual([
      { id: 'call_a', name: 'f', arguments: '{"x":1}' },
      { id: 'call_b', name: 'g', arguments: '{}' },
    ]);
  });

  it('accepts a stream that ends with an error frame and no [DONE]', () => {
    const result = validateOpenaiStream(role + frame({ content: 'a' }) + 'data: {"error":{"message":"boom","type":"server_error"}}\n\n');
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(true);
  });

  it('accepts the simulator stream', () => {
    const frames = openaiSimulator.renderStream({ reasoning: { text: 'think' }, text: 'hi there', toolCalls: [{ name: 't', arguments: { a: [1] } }] }, 'm');
    const result = validateOpenaiStream(frames.join(''));
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ text: 'hi there', reasoning: 'think', finishReason: 'tool_calls' });
  });

  const broken: Array<[string, string, RegExp]> = [
    ['no [DONE]', role + finish, /does not end with data: \[DONE\]/],
    ['no finish chunk', role + frame({ content: 'a' }) + DONE, /\[DONE\] before a finish chunk/],
    ['no role first', frame({ content: 'a' }) + finish + DONE, /first delta has no role/],
    ['role repeated', role + frame({ role: 'assistant', content: 'a' }) + finish + DONE, /role repeated/],
    ['content after finish', role + finish + frame({ content: 'late' }) + DONE, /after the finish chunk/],
    ['usage before finish', role + usage + finish + DONE, /usage chunk before the finish chunk/],
    ['two usage chunks', role + finish + usage + usage + DONE, /second usage chunk/],
    ['usage on a choice chunk', role + frame({}, 'stop', { usage: { prompt_tokens: 1 } }) + DONE, /usage on a chunk that has choices/],
    ['data after [DONE]', role + finish + DONE + frame({ content: 'x' }), /data after \[DONE\]/],
    [
      'changing id',
      role + `data: ${JSON.stringify({ ...envelope, id: 'other', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n` + DONE,
      /differs/,
    ],
    [
      'tool index gap',
      role + frame({ tool_calls: [{ index: 1, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] }) + frame({}, 'tool_calls') + DONE,
      /index 1, expected 0/,
    ],
    [
      'tool call without id',
      role + frame({ tool_calls: [{ index: 0, type: 'function', function: { name: 'f', arguments: '' } }] }) + frame({}, 'tool_calls') + DONE,
      /has no id/,
    ],
    [
      'tool call id repeated',
      role +
        frame({ tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] }) +
        frame({ tool_calls: [{ index: 0, id: 'c', function: { arguments: '{}' } }] }) +
        frame({}, 'tool_calls') +
        DONE,
      /repeats its id/,
    ],
    ['non-empty finish delta', role + frame({ content: 'x' }, 'stop') + DONE, /finish chunk delta is not empty/],
    ['invalid JSON', role + 'data: {oops\n\n' + finish + DONE, /not JSON/],
    ['wrong total', role + finish + usageFrame({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 5 }) + DONE, /total_tokens/],
    ['empty stream', '', /stream is empty/],
  ];
  it.each(broken)('reports %s', (_name, wire, message) => {
    const result = validateOpenaiStream(wire);
    expect(result.errors.join('\n')).toMatch(message);
  });
});
