import { assertAnyCutDecodesAlike, decodeInPieces, textEvents } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from '../__fixtures__/load.js';
import { cohereV1 } from './adapter.js';

const decode = (wire: string) => decodeInPieces(cohereV1.createStreamDecoder(), wire);

describe('cohere v1 stream decoder', () => {
  it('decodes an NDJSON text stream with usage from stream-end meta', () => {
    const usage = { inputTokens: 82, outputTokens: 12, cachedInputTokens: 64 };
    expect(decode(fixtureText('v1/text.ndjson'))).toEqual([
      { type: 'start', id: '586ac33f-9c64-452c-8f8d-000000000001' },
      ...textEvents(0, 'Hello', ' from Cohere — ünïcödé'),
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'COMPLETE', usage },
    ]);
  });

  it('decodes the streamed plan as text and the calls whole, with the same ids as the non-streamed answer', () => {
    const events = decode(fixtureText('v1/tool-calls.ndjson'));
    const nonStream = cohereV1.parseResponse(fixtureJson('v1/tool-calls.json'));
    const streamedCalls = events.filter((e) => e.type === 'tool-call-start').map((e) => e.type === 'tool-call-start' && e.id);
    expect(streamedCalls).toEqual(nonStream.content.filter((p) => p.type === 'tool-call').map((p) => p.type === 'tool-call' && p.id));
    expect(
      events
        .filter((e) => e.type === 'text-delta')
        .map((e) => e.type === 'text-delta' && e.text)
        .join(''),
    ).toBe('I will look up the weather.');
    expect(events.filter((e) => e.type === 'tool-call-delta').map((e) => e.type === 'tool-call-delta' && e.argumentsDelta)).toEqual([
      '{"city":"Sydney"}',
      '{"city":"Perth"}',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'COMPLETE' });
  });

  it('uses the generation text when no plan was streamed', () => {
    const wire = [
      '{"is_finished":false,"event_type":"stream-start","generation_id":"g"}',
      '{"is_finished":false,"event_type":"tool-calls-generation","text":"Plan.","tool_calls":[{"name":"f","parameters":{}}]}',
      '{"is_finished":true,"event_type":"stream-end","finish_reason":"COMPLETE","response":{"text":"Plan."}}',
    ].join('\n');
    expect(decode(wire).map((e) => e.type)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
  });

  it('throws a classified error for stream-end with ERROR', () => {
    expect(() => decode(fixtureText('v1/error-end.ndjson'))).toThrow(expect.objectContaining({ category: 'server', providerCode: 'ERROR' }));
  });

  it('maps ERROR_TOXIC and ERROR_LIMIT to finishes, not errors', () => {
    const end = (reason: string) =>
      `{"event_type":"stream-start","generation_id":"g"}\n{"event_type":"stream-end","finish_reason":"${reason}","response":{"text":""}}\n`;
    expect(decode(end('ERROR_TOXIC')).at(-1)).toMatchObject({ finishReason: 'content_filter' });
    expect(decode(end('ERROR_LIMIT')).at(-1)).toMatchObject({ finishReason: 'length' });
  });

  it.each([
    ['a stream cut before stream-end', '{"event_type":"stream-start","generation_id":"g"}\n', 'cohere stream: expected stream-end before the stream ends'],
    ['a line that is not JSON', '{"event_type":"stream-start"\n', 'cohere stream line: expected JSON, got "{\\"event_type\\":\\"stream-start\\""'],
    ['SSE framing', 'data: {"event_type":"stream-start"}\n', 'cohere stream line: expected JSON'],
    ['a line that is not an object', '[1]\n', 'cohere stream line: expected an object'],
    [
      'events after stream-end',
      '{"event_type":"stream-end","finish_reason":"COMPLETE","response":{}}\n{"event_type":"text-generation","text":"x"}\n',
      'cohere stream: expected no line after stream-end',
    ],
  ])('throws upstream_protocol for %s', (_, wire, message) => {
    expect(() => decode(wire)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining(message) }));
  });

  it.each(['v1/text.ndjson', 'v1/tool-calls.ndjson'])('gives the same events for any split of the bytes of %s', (name) =>
    assertAnyCutDecodesAlike(() => cohereV1.createStreamDecoder(), fixtureText(name)),
  );
});
