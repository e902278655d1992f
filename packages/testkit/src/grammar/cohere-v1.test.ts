import { describe, expect, it } from 'vitest';
import { cohereV1Simulator } from '../simulators/cohere-v1.js';
import { validateCohereV1Stream } from './cohere-v1.js';

const line = (data: object) => `${JSON.stringify(data)}\n`;
const start = line({ is_finished: false, event_type: 'stream-start', generation_id: 'g1' });
const text = (value: string) => line({ is_finished: false, event_type: 'text-generation', text: value });
const chunk = (delta: object) => line({ is_finished: false, event_type: 'tool-calls-chunk', tool_call_delta: delta });
const generation = (calls: object[]) => line({ is_finished: false, event_type: 'tool-calls-generation', tool_calls: calls });
const end = (reason = 'COMPLETE', extra: object = {}) =>
  line({
    is_finished: true,
    event_type: 'stream-end',
    finish_reason: reason,
    response: { text: '', meta: { tokens: { input_tokens: 3, output_tokens: 1 } }, ...extra },
  });
const errorsOf = (wire: string) => validateCohereV1Stream(wire).errors.join('\n');

describe('validateCohereV1Stream', () => {
  it('accepts the simulator stream and reports what it carried', () => {
    const wire = cohereV1Simulator
      .renderStream(
        {
          text: 'Looking it up.',
          toolCalls: [
            { name: 'weather', arguments: { city: 'Oslo' } },
            { name: 'weather', arguments: { city: 'Lima' } },
          ],
          usage: { inputTokens: 40, outputTokens: 8, cachedInputTokens: 10 },
        },
        'm',
      )
      .join('');
    const result = validateCohereV1Stream(wire);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ text: 'Looking it up.', finishReason: 'COMPLETE', endedWithError: false });
    expect(result.toolCalls).toEqual([
      { name: 'weather', arguments: '{"city":"Oslo"}' },
      { name: 'weather', arguments: '{"city":"Lima"}' },
    ]);
    expect(result.usage).toMatchObject({ 'tokens.input_tokens': 40, 'billed_units.input_tokens': 30, cached_tokens: 10 });
  });

  it('accepts the simulator text stream and its error end', () => {
    expect(validateCohereV1Stream(cohereV1Simulator.renderStream({ text: 'Hi', finish: 'length' }, 'm').join('')).errors).toEqual([]);
    const broken = validateCohereV1Stream(start + cohereV1Simulator.renderStreamError('server', 'boom')!);
    expect(broken.errors).toEqual([]);
    expect(broken.endedWithError).toBe(true);
  });

  it('reports SSE framing and lines that are not JSON', () => {
    expect(errorsOf(`data: ${start}${end()}`)).toContain('SSE framing');
    expect(errorsOf(`${start}{oops\n${end()}`)).toContain('not JSON');
  });

  it('reports is_finished set on the wrong event', () => {
    expect(errorsOf(start + line({ is_finished: true, event_type: 'text-generation', text: 'x' }) + end())).toContain(
      'is_finished must be true only on stream-end',
    );
  });

  it('reports parameters before a name and skipped tool indices', () => {
    expect(errorsOf(start + chunk({ index: 0, parameters: '{}' }) + generation([{ name: 'f', parameters: {} }]) + end())).toContain('before its name');
    expect(errorsOf(start + chunk({ index: 1, name: 'f' }) + generation([{ name: 'f', parameters: {} }]) + end())).toContain('tool call index 1, expected 0');
  });

  it('reports a generation that disagrees with the streamed fragments, or is missing', () => {
    const streamed = chunk({ index: 0, name: 'f' }) + chunk({ index: 0, parameters: '{"a":1}' });
    expect(errorsOf(start + streamed + generation([{ name: 'f', parameters: { a: 2 } }]) + end())).toContain('differ from the streamed ones');
    expect(errorsOf(start + streamed + end())).toContain('tool-calls-chunk without tool-calls-generation');
    expect(errorsOf(start + generation([{ name: 'f', parameters: 'x' }]) + end())).toContain('needs a name and a parameters object');
  });

  it('accepts tool calls cut short by the ERROR stream-end before their tool-calls-generation, and reports what was streamed of them', () => {
    const streamed = chunk({ index: 0, name: 'f' }) + chunk({ index: 0, parameters: '{"a":' });
    const cut = validateCohereV1Stream(start + streamed + cohereV1Simulator.renderStreamError('server', 'boom')!);
    expect(cut).toMatchObject({ errors: [], endedWithError: true, toolCalls: [{ name: 'f', arguments: '{"a":' }] });
  });

  it('reports a finish reason outside the stream-end enum, and missing or repeated terminal events', () => {
    expect(errorsOf(start + end('STOP_SEQUENCE'))).toContain('unknown stream-end finish_reason STOP_SEQUENCE');
    expect(errorsOf(start + text('a'))).toContain('no stream-end');
    expect(errorsOf(start + end() + text('late'))).toContain('after stream-end');
    expect(errorsOf(text('a') + end())).toContain('before stream-start');
  });

  it('reports a stream that does not end with a newline', () => {
    expect(errorsOf(start + end().trimEnd())).toContain('does not end with a newline');
  });
});
