import { describe, expect, it } from 'vitest';
import { anthropicSimulator } from '../simulators/anthropic.js';
import { validateAnthropicStream } from './anthropic.js';

const frame = (data: object, event = (data as { type: string }).type) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const start = frame({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 3, output_tokens: 1 },
  },
});
/** A content block at `index`: its start, one content_block_delta per delta, its stop. */
const block = (index: number, content_block: object, ...deltas: object[]) =>
  frame({ type: 'content_block_start', index, content_block }) +
  deltas.map((delta) => frame({ type: 'content_block_delta', index, delta })).join('') +
  frame({ type: 'content_block_stop', index });
const textBlock = (index: number, text: string) => block(index, { type: 'text', text: '' }, { type: 'text_delta', text });
const end = (stop = 'end_turn') =>
  frame({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 9 } }) + frame({ type: 'message_stop' });

describe('validateAnthropicStream', () => {
  it('accepts the simulator stream and reports what it carried', () => {
    const wire = anthropicSimulator
      .renderStream(
        {
          reasoning: { text: 'think', signature: 'sig' },
          text: 'Hello there',
          toolCalls: [{ id: 't1', name: 'f', arguments: { a: 1 } }],
          usage: { inputTokens: 50, outputTokens: 9, cachedInputTokens: 20 },
        },
        'm',
      )
      .join('');
    const result = validateAnthropicStream(wire);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ text: 'Hello there', reasoning: 'think', finishReason: 'tool_use', endedWithError: false });
    expect(result.toolCalls).toEqual([{ id: 't1', name: 'f', arguments: '{"a":1}' }]);
    expect(result.usage).toMatchObject({ input_tokens: 30, cache_read_input_tokens: 20, output_tokens: 9 });
  });

  it('reports a frame without an event line', () => {
    const wire = start + `data: ${JSON.stringify({ type: 'ping' })}\n\n` + textBlock(0, 'x') + end();
    expect(validateAnthropicStream(wire).errors).toEqual([expect.stringContaining('no event line')]);
  });

  it('reports an event name that differs from data.type', () => {
    const wire = start + frame({ type: 'content_block_stop', index: 0 }, 'content_block_start') + end();
    expect(validateAnthropicStream(wire).errors.join('\n')).toContain('but data.type');
  });

  it('reports block indices that skip a number', () => {
    const wire = start + textBlock(0, 'a') + textBlock(2, 'b') + end();
    expect(validateAnthropicStream(wire).errors.join('\n')).toContain('index 2, expected 1');
  });

  it('reports a block that starts while another is open', () => {
    const wire = start + frame({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) + textBlock(1, 'b') + end();
    expect(validateAnthropicStream(wire).errors.join('\n')).toContain('block 0 still open');
  });

  it('reports a delta that does not fit its block', () => {
    const wire = start + block(0, { type: 'text', text: '' }, { type: 'input_json_delta', partial_json: '{}' }) + end();
    expect(validateAnthropicStream(wire).errors.join('\n')).toContain('input_json_delta in a text block');
  });

  it('reports thinking after the signature', () => {
    const thinking = { type: 'thinking', thinking: '', signature: '' };
    const wire = start + block(0, thinking, { type: 'signature_delta', signature: 's' }, { type: 'thinking_delta', thinking: 'late' }) + end();
    expect(validateAnthropicStream(wire).errors.join('\n')).toContain('after signature_delta');
  });

  it('reports a second message_start', () => {
    expect(validateAnthropicStream(start + start + end()).errors.join('\n')).toContain('second message_start');
  });

  it('reports a stream without message_stop', () => {
    const wire = start + textBlock(0, 'a');
    expect(validateAnthropicStream(wire).errors).toContain('stream ended without message_stop or error');
  });

  it('reports message_delta without output usage', () => {
    const wire = start + frame({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null } }) + frame({ type: 'message_stop' });
    expect(validateAnthropicStream(wire).errors.join('\n')).toContain('usage.output_tokens');
  });

  it('reports frames after message_stop', () => {
    expect(validateAnthropicStream(start + end() + textBlock(0, 'late')).errors.join('\n')).toContain('after the end of the stream');
  });

  it('reports tool input JSON that does not parse, unless max_tokens cut it', () => {
    const tool =
      frame({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } }) +
      frame({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } }) +
      frame({ type: 'content_block_stop', index: 0 });
    expect(validateAnthropicStream(start + tool + end('tool_use')).errors.join('\n')).toContain('does not parse');
    expect(validateAnthropicStream(start + tool + end('max_tokens')).errors).toEqual([]);
  });

  it('accepts tool input cut short by an error event inside its block, but not in a block already stopped', () => {
    const open =
      frame({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } }) +
      frame({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } });
    const error = frame({ type: 'error', error: { type: 'api_error', message: 'upstream broke' } });
    expect(validateAnthropicStream(start + open + error)).toMatchObject({ errors: [], endedWithError: true });
    expect(validateAnthropicStream(start + open + frame({ type: 'content_block_stop', index: 0 }) + error).errors.join('\n')).toContain('does not parse');
  });

  it('accepts an error event as the end of the stream, even as the first frame', () => {
    const error = frame({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(validateAnthropicStream(error)).toMatchObject({ errors: [], endedWithError: true });
    expect(validateAnthropicStream(start + textBlock(0, 'a') + error)).toMatchObject({ errors: [], endedWithError: true, text: 'a' });
  });

  it('reports a malformed error event', () => {
    expect(validateAnthropicStream(frame({ type: 'error', error: 'boom' })).errors.join('\n')).toContain('error without error.type');
  });
});
