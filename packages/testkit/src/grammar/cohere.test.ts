import { describe, expect, it } from 'vitest';
import { cohereSimulator } from '../simulators/cohere.js';
import { validateCohereStream } from './cohere.js';

const frame = (data: { type: string; [key: string]: unknown }, event: string = data.type) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const start = frame({ id: 'm1', type: 'message-start', delta: { message: { role: 'assistant' } } });
const text = (index: number, value: string) =>
  frame({ type: 'content-start', index, delta: { message: { content: { type: 'text', text: '' } } } }) +
  frame({ type: 'content-delta', index, delta: { message: { content: { text: value } } } }) +
  frame({ type: 'content-end', index });
const tool = (index: number, id: string, args: string) =>
  frame({ type: 'tool-call-start', index, delta: { message: { tool_calls: { id, type: 'function', function: { name: 'f', arguments: '' } } } } }) +
  frame({ type: 'tool-call-delta', index, delta: { message: { tool_calls: { function: { arguments: args } } } } }) +
  frame({ type: 'tool-call-end', index });
const end = (reason = 'COMPLETE') => frame({ type: 'message-end', delta: { finish_reason: reason, usage: { tokens: { input_tokens: 5, output_tokens: 2 } } } });
const errorsOf = (wire: string) => validateCohereStream(wire).errors.join('\n');

describe('validateCohereStream', () => {
  it('accepts the simulator stream and reports what it carried', () => {
    const wire = cohereSimulator
      .renderStream(
        {
          reasoning: { text: 'think' },
          text: 'Plan it',
          toolCalls: [
            { id: 'f_1', name: 'f', arguments: { a: 1 } },
            { name: 'g', arguments: {} },
          ],
          usage: { inputTokens: 50, outputTokens: 9, cachedInputTokens: 20 },
        },
        'm',
      )
      .join('');
    const result = validateCohereStream(wire);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ text: 'Plan it', reasoning: 'think', finishReason: 'TOOL_CALL', endedWithError: false });
    expect(result.toolCalls).toEqual([
      { id: 'f_1', name: 'f', arguments: '{"a":1}' },
      { id: 'g_sim1', name: 'g', arguments: '{}' },
    ]);
    expect(result.usage).toEqual({
      'billed_units.input_tokens': 30,
      'billed_units.output_tokens': 9,
      'tokens.input_tokens': 50,
      'tokens.output_tokens': 9,
      cached_tokens: 20,
    });
  });

  it('accepts the simulator text stream and its in-band error frame as an error end', () => {
    expect(validateCohereStream(cohereSimulator.renderStream({ text: 'Hello there' }, 'm').join('')).errors).toEqual([]);
    const broken = validateCohereStream(start + cohereSimulator.renderStreamError('server', 'boom')!);
    expect(broken.errors).toEqual([]);
    expect(broken.endedWithError).toBe(true);
  });

  it('reports an event line that differs from the type', () => {
    expect(errorsOf(start + frame({ type: 'content-end', index: 0 }, 'content-start') + end())).toContain('differs from type');
  });

  it('reports content indices that skip a number, and tool indices counted apart from content', () => {
    expect(errorsOf(start + text(0, 'a') + text(2, 'b') + end())).toContain('content index 2, expected 1');
    expect(errorsOf(start + text(0, 'a') + tool(0, 'x', '{}') + end())).toBe('');
    expect(errorsOf(start + tool(1, 'x', '{}') + end())).toContain('tool call index 1, expected 0');
  });

  it('reports a block left open at message-end and overlapping blocks', () => {
    const open = frame({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
    expect(errorsOf(start + open + end())).toContain('message-end while block content 0 is open');
    expect(errorsOf(start + open + tool(0, 'x', '{}') + end())).toContain('tool-call-start while block content 0 is open');
  });

  it('reports tool_calls sent as an array, and a tool call without id', () => {
    const arrayForm = frame({ type: 'tool-call-start', index: 0, delta: { message: { tool_calls: [{ id: 'x' }] } } });
    expect(errorsOf(start + arrayForm + end())).toContain('tool_calls must be an object');
    expect(errorsOf(start + tool(0, '', '{}') + end())).toContain('tool call without id');
  });

  it('reports a tool plan after a tool call', () => {
    const plan = frame({ type: 'tool-plan-delta', delta: { message: { tool_plan: 'late' } } });
    expect(errorsOf(start + tool(0, 'x', '{}') + plan + end('TOOL_CALL'))).toContain('tool-plan-delta after a tool call');
  });

  it('reports the substring [DONE] inside data, which would cut the SDK stream', () => {
    expect(errorsOf(start + text(0, 'say [DONE] now') + end())).toContain('ends the cohere-ai stream early');
    expect(errorsOf(`${start}${text(0, 'ok')}${end()}data: [DONE]\n\n`)).toBe('');
  });

  it('reports missing or repeated terminal events and unknown finish reasons', () => {
    expect(errorsOf(start + text(0, 'a'))).toContain('no message-end');
    expect(errorsOf(start + end() + end())).toContain('event after message-end');
    expect(errorsOf(start + end('DONE'))).toContain('unknown finish_reason DONE');
    expect(errorsOf(text(0, 'a') + end())).toContain('content-start before message-start');
  });

  it('reports multi-line data, which cohere-ai cannot parse', () => {
    expect(errorsOf(`${start}event: content-end\ndata: {"type":\ndata: "content-end","index":0}\n\n${end()}`)).toContain('several data lines');
  });
});
