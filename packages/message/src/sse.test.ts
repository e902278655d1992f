import { isFluxError } from '@fluxcore/errors';
import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { piecesOf } from './__fixtures__/pieces.js';
import { SseDecoder, encodeSse, type SseEvent } from './sse.js';

const utf8 = new TextEncoder();

/** Feed every chunk, then end the stream; returns all events in order. */
function decode(chunks: Array<string | Uint8Array>, decoder = new SseDecoder()): SseEvent[] {
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

/** Split bytes at the given offsets (any order, duplicates allowed). */
describe('SseDecoder line ends', () => {
  const expected = [{ data: 'a' }, { data: 'b' }];

  it.each([
    ['LF', 'data: a\n\ndata: b\n\n'],
    ['CRLF', 'data: a\r\n\r\ndata: b\r\n\r\n'],
    ['CR', 'data: a\r\rdata: b\r\r'],
    ['mixed', 'data: a\r\n\rdata: b\n\r\n'],
  ])('accepts %s line ends', (_name, stream) => {
    expect(decode([stream])).toEqual(expected);
  });

  it('treats a CR at the end of one chunk and a LF at the start of the next as one line end', () => {
    expect(decode(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
  });

  it('treats a CR at the end of one chunk followed by other text as a line end', () => {
    expect(decode(['data: a\r', '\r', 'data: b\r\r'])).toEqual(expected);
  });

  it('keeps the CR state across empty chunks', () => {
    expect(decode(['data: a\r', '', new Uint8Array(0), '\n\n'])).toEqual([{ data: 'a' }]);
  });
});

describe('SseDecoder fields', () => {
  it('joins several data lines with a line feed', () => {
    expect(decode(['data: one\ndata: two\ndata: three\n\n'])).toEqual([{ data: 'one\ntwo\nthree' }]);
  });

  it('removes exactly one space after the colon, and accepts none', () => {
    expect(decode(['data:tight\n\ndata:  two spaces\n\n'])).toEqual([{ data: 'tight' }, { data: ' two spaces' }]);
  });

  it('dispatches empty data lines as empty strings', () => {
    expect(decode(['data:\n\ndata\n\ndata\ndata\n\n'])).toEqual([{ data: '' }, { data: '' }, { data: '\n' }]);
  });

  it('ignores comments, including between data lines', () => {
    expect(decode([': keep-alive\n\ndata: a\n: note\ndata: b\n\n:\n\n'])).toEqual([{ data: 'a\nb' }]);
  });

  it('sets the event type for one event only', () => {
    expect(decode(['event: delta\ndata: 1\n\ndata: 2\n\n'])).toEqual([{ event: 'delta', data: '1' }, { data: '2' }]);
  });

  it('leaves the type undefined for an empty event field', () => {
    expect(decode(['event:\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('does not dispatch a block without data', () => {
    expect(decode(['event: ping\n\nid: 7\n\nretry: 10\n\n'])).toEqual([]);
  });

  it('keeps the last id across events, resets it with an empty id, and ignores ids with NUL', () => {
    const stream = 'id: 1\ndata: a\n\ndata: b\n\nid: bad\0id\ndata: c\n\nid\ndata: d\n\n';
    expect(decode([stream])).toEqual([
      { id: '1', data: 'a' },
      { id: '1', data: 'b' },
      { id: '1', data: 'c' },
      { id: '', data: 'd' },
    ]);
  });

  it('reports a retry of ASCII digits on its event and ignores other retry values', () => {
    const stream = 'retry: 3000\ndata: a\n\ndata: b\n\nretry: 1.5\ndata: c\n\nretry: -1\nretry: 12x\ndata: d\n\n';
    expect(decode([stream])).toEqual([{ retry: 3000, data: 'a' }, { data: 'b' }, { data: 'c' }, { data: 'd' }]);
  });

  it('ignores unknown fields and field names with different case or leading space', () => {
    expect(decode(['foo: bar\nData: no\n data: no\ndata: yes\n\n'])).toEqual([{ data: 'yes' }]);
  });

  it('keeps colons inside the value', () => {
    expect(decode(['data: {"a":"b:c"}\n\n'])).toEqual([{ data: '{"a":"b:c"}' }]);
  });
});

describe('SseDecoder stream edges', () => {
  it('decodes a multi-byte character split across chunks', () => {
    const bytes = utf8.encode('data: 你好 🌍\n\n');
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(decode(chunks)).toEqual([{ data: '你好 🌍' }]);
  });

  it('ignores one leading BOM, also when its bytes are split', () => {
    const bytes = utf8.encode('\uFEFFdata: x\n\n');
    expect(decode([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)])).toEqual([{ data: 'x' }]);
    expect(decode(['\uFEFFdata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('ignores only the first BOM: a second one is part of the field name', () => {
    expect(decode(['\uFEFF\uFEFFdata: x\n\ndata: y\n\n'])).toEqual([{ data: 'y' }]);
    expect(decode([utf8.encode('\uFEFF\uFEFFdata: x\n\ndata: y\n\n')])).toEqual([{ data: 'y' }]);
  });

  it('keeps a BOM that is not at the start of the stream', () => {
    expect(decode(['data: a\n\n', '\uFEFFdata: b\n\ndata: c\n\n'])).toEqual([{ data: 'a' }, { data: 'c' }]);
  });

  it('dispatches a final event that lacks the trailing blank line', () => {
    expect(decode(['data: a\n\ndata: last'])).toEqual([{ data: 'a' }, { data: 'last' }]);
    expect(decode(['data: a\n\ndata: last\n'])).toEqual([{ data: 'a' }, { data: 'last' }]);
    expect(decode(['data: last\r'])).toEqual([{ data: 'last' }]);
  });

  it('returns events from push as soon as their blank line arrives', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: a\n')).toEqual([]);
    expect(decoder.push('\ndata: b')).toEqual([{ data: 'a' }]);
    expect(decoder.end()).toEqual([{ data: 'b' }]);
  });

  it('returns nothing for an empty stream', () => {
    expect(decode([])).toEqual([]);
    expect(decode(['', new Uint8Array(0)])).toEqual([]);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    expect(decode([Uint8Array.of(0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a)])).toEqual([{ data: '\uFFFD' }]);
  });

  it('throws upstream_protocol when an unfinished line outgrows maxEventSize', () => {
    const decoder = new SseDecoder({ maxEventSize: 16 });
    decoder.push('data: 0123456');
    const error = catchError(() => decoder.push('789abcdef'));
    expect(isFluxError(error) && error.category).toBe('upstream_protocol');
    expect((error as Error).message).toContain('maxEventSize');
  });

  it('throws upstream_protocol when the data of one event outgrows maxEventSize', () => {
    const decoder = new SseDecoder({ maxEventSize: 16 });
    expect(decoder.push('data: 0123456789\n')).toEqual([]);
    const error = catchError(() => decoder.push('data: 0123456789\n'));
    expect(isFluxError(error) && error.category).toBe('upstream_protocol');
  });

  it.each([0, -1, Number.NaN, '8' as unknown as number])('rejects maxEventSize %s', (value) => {
    expect(() => new SseDecoder({ maxEventSize: value })).toThrow(expect.objectContaining({ category: 'invalid_request', param: 'maxEventSize' }));
  });

  it('accepts events up to maxEventSize, each counted on its own', () => {
    const decoder = new SseDecoder({ maxEventSize: 16 });
    const stream = 'data: 0123456789abcdef\n\n'.repeat(3);
    expect(decode([stream], decoder)).toHaveLength(3);
  });
});

describe('encodeSse', () => {
  it('writes one data line and the blank line that dispatches it', () => {
    expect(encodeSse('{"a":1}')).toBe('data: {"a":1}\n\n');
  });

  it('writes the event field first', () => {
    expect(encodeSse('{}', 'message_stop')).toBe('event: message_stop\ndata: {}\n\n');
  });

  it('splits multi-line data into several data lines, CR and CRLF included', () => {
    expect(encodeSse('a\nb\r\nc\rd')).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
  });

  it('writes empty data as one empty data line', () => {
    expect(encodeSse('')).toBe('data: \n\n');
    expect(decode([encodeSse('')])).toEqual([{ data: '' }]);
  });

  it('rejects an event name with a line break', () => {
    for (const name of ['bad\nevent', 'bad\revent']) {
      expect(() => encodeSse('x', name)).toThrow(
        expect.objectContaining({ category: 'invalid_request', param: 'event', message: expect.stringMatching(/line break/) }),
      );
    }
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

// ---------------------------------------------------------------------------------------
// Properties

/** Text of one field value: any Unicode but line breaks (and NUL for ids). */
const lineText = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
const lineEnd = fc.constantFrom('\n', '\r', '\r\n');

interface ModelEvent {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
  comment?: string;
  /** Write `data:value` instead of `data: value` where that is unambiguous. */
  tight: boolean;
}

const modelEvent: fc.Arbitrary<ModelEvent> = fc.record(
  {
    event: lineText.filter((s) => s.length > 0),
    data: fc.array(lineText, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n')),
    id: lineText.map((s) => s.replace(/\0/g, '')),
    retry: fc.nat(),
    comment: lineText,
    tight: fc.boolean(),
  },
  { requiredKeys: ['data', 'tight'] },
);

interface ModelStream {
  events: ModelEvent[];
  ends: string[];
  bom: boolean;
  finalBlankLine: boolean;
}

const modelStream: fc.Arbitrary<ModelStream> = fc.record({
  events: fc.array(modelEvent, { maxLength: 8 }),
  ends: fc.array(lineEnd, { minLength: 1, maxLength: 16 }),
  bom: fc.boolean(),
  finalBlankLine: fc.boolean(),
});

/** Serialise a model stream with varied line ends, comments, BOM and spacing. */
function serialise(stream: ModelStream): string {
  const lines: string[] = [];
  stream.events.forEach((event, index) => {
    if (event.comment !== undefined) lines.push(`:${event.comment}`);
    if (event.event !== undefined) lines.push(`event: ${event.event}`);
    if (event.id !== undefined) lines.push(`id: ${event.id}`);
    if (event.retry !== undefined) lines.push(`retry: ${event.retry}`);
    for (const line of event.data.split('\n')) {
      lines.push(event.tight && !line.startsWith(' ') ? `data:${line}` : `data: ${line}`);
    }
    if (index < stream.events.length - 1 || stream.finalBlankLine) lines.push('');
  });
  let text = stream.bom ? '\uFEFF' : '';
  let previousEnd = '';
  lines.forEach((line, index) => {
    let end = stream.ends[index % stream.ends.length]!;
    // "\r" then an empty line ended by "\n" would read as one CRLF: pick an unambiguous end.
    if (previousEnd === '\r' && line === '' && end === '\n') end = '\r\n';
    text += line + end;
    previousEnd = end;
  });
  return text;
}

/** The events a correct decoder must produce for a model stream. */
function expectedEvents(stream: ModelStream): SseEvent[] {
  let lastId: string | undefined;
  return stream.events.map((model) => {
    if (model.id !== undefined) lastId = model.id;
    const event: SseEvent = { data: model.data };
    if (model.event !== undefined) event.event = model.event;
    if (lastId !== undefined) event.id = lastId;
    if (model.retry !== undefined) event.retry = model.retry;
    return event;
  });
}

describe('SseDecoder properties', () => {
  it('decodes any valid stream to its events, however its bytes are split', () => {
    fc.assert(
      fc.property(modelStream, fc.array(fc.nat(), { maxLength: 12 }), (stream, offsets) => {
        const bytes = utf8.encode(serialise(stream));
        expect(decode(piecesOf(bytes, offsets))).toEqual(expectedEvents(stream));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes a stream fed one byte at a time like the whole stream', () => {
    fc.assert(
      fc.property(modelStream, (stream) => {
        const bytes = utf8.encode(serialise(stream));
        expect(decode(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(decode([bytes]));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes any valid stream to its events, however its text is split', () => {
    fc.assert(
      fc.property(modelStream, fc.array(fc.nat(), { maxLength: 12 }), (stream, offsets) => {
        const text = serialise(stream);
        const cuts = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [...cuts, text.length].map((cut, i, all) => text.slice(i === 0 ? 0 : all[i - 1], cut));
        expect(decode(chunks)).toEqual(expectedEvents(stream));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes what encodeSse wrote back to the same events', () => {
    const data = fc.array(fc.tuple(lineText, fc.constantFrom('', '\n', '\r', '\r\n')), { maxLength: 4 }).map((parts) => parts.flat().join(''));
    const eventName = fc.option(
      lineText.filter((s) => s.length > 0),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(data, eventName), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (events, offsets) => {
        const bytes = utf8.encode(events.map(([d, e]) => encodeSse(d, e)).join(''));
        const expected = events.map(([d, e]) => ({ data: d.replace(/\r\n|\r/g, '\n'), ...(e === undefined ? {} : { event: e }) }));
        expect(decode(piecesOf(bytes, offsets))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with eventsource-parser on arbitrary line soup', () => {
    const field = fc.constantFrom('data', 'event', 'id', 'retry', '', 'other', 'data ');
    const line = fc.oneof(
      fc.tuple(field, fc.constantFrom(':', ': ', ':  '), lineText).map(([f, sep, v]) => f + sep + v),
      fc.constantFrom('', '', 'data', 'event'),
      lineText,
    );
    const soup = fc.array(fc.tuple(line, lineEnd), { maxLength: 20 }).map((ls) => ls.map(([l, e]) => l + e).join('') + '\n\n');
    fc.assert(
      fc.property(soup, (text) => {
        const theirs: Array<{ event?: string; data: string }> = [];
        const parser = createParser({ onEvent: (e) => theirs.push(e.event === undefined ? { data: e.data } : { event: e.event, data: e.data }) });
        parser.feed(text);
        const ours = decode([text]).map((e) => (e.event === undefined ? { data: e.data } : { event: e.event, data: e.data }));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 1000 },
    );
  });
});
