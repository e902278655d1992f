import { FluxError } from '@fluxcore/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { piecesOf } from './__fixtures__/pieces.js';
import type { PassthroughOutput, StreamDecoder, StreamPassthrough } from './adapter.js';
import { NdjsonDecoder } from './ndjson.js';
import { createFramePassthrough, type StreamFraming } from './passthrough.js';
import { SseDecoder } from './sse.js';
import type { StreamEvent } from './stream-event.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A protocol whose every SSE event or NDJSON line is one text delta; it must end with `END`. */
function toyDecoder(framing: StreamFraming): StreamDecoder {
  const sse = new SseDecoder();
  const ndjson = new NdjsonDecoder();
  let ended = false;
  const toEvents = (items: string[]): StreamEvent[] =>
    items.flatMap((text): StreamEvent[] => {
      if (text === 'END') ended = true;
      return [{ type: 'text-delta', index: 0, text }];
    });
  const split = (chunk?: Uint8Array): string[] => {
    if (framing === 'ndjson') return chunk === undefined ? ndjson.end() : ndjson.push(chunk);
    return (chunk === undefined ? sse.end() : sse.push(chunk)).map((event) => event.data);
  };
  return {
    push: (chunk) => toEvents(split(chunk)),
    end: () => {
      const events = toEvents(split());
      if (!ended) throw new FluxError({ category: 'upstream_protocol', message: 'the stream ended before END' });
      return events;
    },
  };
}

function passthroughOf(framing: StreamFraming, keep?: (frame: string, events: readonly StreamEvent[]) => boolean): StreamPassthrough {
  return createFramePassthrough({ framing, decoder: toyDecoder(framing), ...(keep === undefined ? {} : { keep }) });
}

/** Feed `wire` cut at `cuts` (byte offsets, see piecesOf); returns every output, the end's last. */
function feed(passthrough: StreamPassthrough, wire: Uint8Array, cuts: readonly number[]): PassthroughOutput[] {
  return [...piecesOf(wire, cuts).map((piece) => passthrough.push(piece)), passthrough.end()];
}

function textsOf(outputs: PassthroughOutput[]): string[] {
  return outputs.flatMap((output) => output.events.map((event) => (event.type === 'text-delta' ? event.text : event.type)));
}

/** Each prefix of the forwarded text is a whole number of frames: the wire is never torn. */
function expectWholeFrames(outputs: PassthroughOutput[], frames: string[]): void {
  let forwarded = '';
  const boundaries = new Set(frames.map((_, i) => frames.slice(0, i + 1).join('')));
  boundaries.add('');
  for (const output of outputs) {
    forwarded += output.wire;
    expect(boundaries.has(forwarded), `torn frame after ${JSON.stringify(forwarded)}`).toBe(true);
  }
}

const SSE_FRAMES = [
  ': keep-alive comment\n\n',
  'event: delta\ndata: {"text":"héllo 🌍","unmodelled":{"x":[1,2]}}\nid: 7\n\n',
  'data: line one\r\ndata: line two\r\n\r\n',
  'data: carriage\r\r',
  'data: 日本語\n\n',
  'data: END\n\n',
];
const SSE_TEXTS = ['{"text":"héllo 🌍","unmodelled":{"x":[1,2]}}', 'line one\nline two', 'carriage', '日本語', 'END'];

const NDJSON_FRAMES = ['{"t":"héllo 🌍","extra":true}\n', '\n', '{"t":"crlf"}\r\n', '{"t":"日本語"}\n', 'END\n'];
const NDJSON_TEXTS = ['{"t":"héllo 🌍","extra":true}', '{"t":"crlf"}', '{"t":"日本語"}', 'END'];

describe.each([
  { framing: 'sse' as const, frames: SSE_FRAMES, texts: SSE_TEXTS },
  { framing: 'ndjson' as const, frames: NDJSON_FRAMES, texts: NDJSON_TEXTS },
])('createFramePassthrough: $framing frames', ({ framing, frames, texts }) => {
  const whole = frames.join('');
  const wire = bytes(whole);

  it('forwards every frame verbatim, blank NDJSON lines included, and reports what it decodes to, however the bytes are split at one offset', () => {
    for (let cut = 0; cut <= wire.byteLength; cut++) {
      const outputs = feed(passthroughOf(framing), wire, [cut]);
      expect(outputs.map((o) => o.wire).join(''), `cut at ${cut}`).toBe(whole);
      expect(textsOf(outputs), `cut at ${cut}`).toEqual(texts);
      expectWholeFrames(outputs, frames);
    }
  });

  it('never forwards part of a frame when fed one byte at a time, multi-byte characters included', () => {
    const outputs = feed(
      passthroughOf(framing),
      wire,
      Array.from({ length: wire.byteLength - 1 }, (_, i) => i + 1),
    );
    expect(outputs.map((o) => o.wire).join('')).toBe(whole);
    expect(textsOf(outputs)).toEqual(texts);
    expectWholeFrames(outputs, frames);
  });
});

describe('createFramePassthrough: SSE', () => {
  it('keeps the LF of a CRLF blank line in its frame when the chunk ends between CR and LF', () => {
    const frames: string[] = [];
    const passthrough = passthroughOf('sse', (frame) => frames.push(frame) > 0);
    expect(passthrough.push(bytes('data: a\r\n\r')).wire).toBe('');
    expect(passthrough.push(bytes('\ndata: END\r\n\r\n')).wire).toBe('data: a\r\n\r\ndata: END\r\n\r\n');
    expect(frames).toEqual(['data: a\r\n\r\n', 'data: END\r\n\r\n']);
  });

  it('forwards a frame ended by a lone CR once the next byte shows no LF follows', () => {
    const passthrough = passthroughOf('sse');
    expect(passthrough.push(bytes('data: a\r\r')).wire).toBe('');
    const next = passthrough.push(bytes('data: END\r\r'));
    expect(next.wire).toBe('data: a\r\r');
    expect(textsOf([next])).toEqual(['a']);
    expect(passthrough.end().wire).toBe('data: END\r\r');
  });

  it('holds an unfinished frame back until its blank line arrives', () => {
    const passthrough = passthroughOf('sse');
    const first = passthrough.push(bytes('data: a\n\ndata: b\n'));
    expect(first.wire).toBe('data: a\n\n');
    expect(textsOf([first])).toEqual(['a']);
    expect(passthrough.push(bytes('\n')).wire).toBe('data: b\n\n');
  });

  it.each([
    ['no line end', 'data: END', 'data: END\n\n'],
    ['one LF', 'data: END\n', 'data: END\n\n'],
    ['one CRLF', 'data: END\r\n', 'data: END\r\n\n'],
    ['one CR', 'data: END\r', 'data: END\r\n\n'],
  ])('completes a last event left with %s when the upstream closes', (_name, tail, completed) => {
    const outputs = feed(passthroughOf('sse'), bytes(`data: a\n\n${tail}`), []);
    expect(outputs.map((o) => o.wire).join('')).toBe(`data: a\n\n${completed}`);
    expect(textsOf(outputs)).toEqual(['a', 'END']);
    expect(new SseDecoder().push(completed).map((event) => event.data)).toEqual(['END']);
  });

  it('neither decodes nor forwards anything after the frame that finished the answer', () => {
    // A decoder that finishes the answer on `END` and rejects any frame after it, as a strict protocol decoder would.
    const sse = new SseDecoder();
    let finished = false;
    const decoder: StreamDecoder = {
      push: (chunk) =>
        sse.push(chunk).map((event): StreamEvent => {
          if (finished) throw new FluxError({ category: 'upstream_protocol', message: 'a frame after the end' });
          if (event.data !== 'END') return { type: 'text-delta', index: 0, text: event.data };
          finished = true;
          return { type: 'finish', finishReason: 'stop' };
        }),
      end: () => [],
    };
    const passthrough = createFramePassthrough({ framing: 'sse', decoder });
    const first = passthrough.push(bytes('data: a\n\ndata: END\n\nevent: error\ndata: late\n\n'));
    const later = passthrough.push(bytes('data: {not json\n\n'));
    expect([first.wire, later.wire, passthrough.end().wire]).toEqual(['data: a\n\ndata: END\n\n', '', '']);
    expect(first.events.map((event) => event.type)).toEqual(['text-delta', 'finish']);
  });

  it('drops the frames keep() refuses but still reports their events', () => {
    const passthrough = passthroughOf('sse', (frame) => !frame.includes('secret'));
    const output = passthrough.push(bytes('data: shown\n\ndata: secret\n\ndata: END\n\n'));
    expect(output.wire).toBe('data: shown\n\ndata: END\n\n');
    expect(textsOf([output])).toEqual(['shown', 'secret', 'END']);
  });

  it('passes each frame to keep() with the events that frame decoded to', () => {
    const seen: Array<[string, string[]]> = [];
    const passthrough = passthroughOf('sse', (frame, events) => {
      seen.push([frame, textsOf([{ wire: '', events: [...events] }])]);
      return true;
    });
    feed(passthrough, bytes(': ping\n\ndata: a\n\ndata: END'), []);
    expect(seen).toEqual([
      [': ping\n\n', []],
      ['data: a\n\n', ['a']],
      ['data: END', ['END']],
    ]);
  });

  it('strips a leading byte order mark from the forwarded text', () => {
    const output = passthroughOf('sse').push(bytes('\uFEFFdata: a\n\n'));
    expect(output.wire).toBe('data: a\n\n');
    expect(textsOf([output])).toEqual(['a']);
  });

  it("throws the decoder's error at the end and forwards nothing of the last frame", () => {
    const passthrough = passthroughOf('sse');
    expect(passthrough.push(bytes('data: a\n\ndata: cut sh')).wire).toBe('data: a\n\n');
    expect(() => passthrough.end()).toThrow(expect.objectContaining({ category: 'upstream_protocol' }) as Error);
  });

  it('gives a decoder that takes text each frame as text, without the BOM, and never its bytes', () => {
    const texts: string[] = [];
    const textDecoder: StreamDecoder = {
      push: () => {
        throw new Error('push called on a decoder that takes text');
      },
      pushText: (text) => {
        texts.push(text);
        return [{ type: 'text-delta', index: 0, text }];
      },
      end: () => [],
    };
    const wire = bytes('\uFEFFdata: é\n\ndata: 日本');
    const outputs = feed(createFramePassthrough({ framing: 'sse', decoder: textDecoder }), wire, [10, 20]);
    expect(texts).toEqual(['data: é\n\n', 'data: 日本']);
    expect(outputs.map((output) => output.wire).join('')).toBe('data: é\n\ndata: 日本\n\n');
  });

  it("throws the decoder's error for a frame and returns none of that chunk", () => {
    const failing: StreamDecoder = {
      push: (chunk) => {
        if (new TextDecoder().decode(chunk).includes('bad')) throw new FluxError({ category: 'server', message: 'in-band error' });
        return [];
      },
      end: () => [],
    };
    const passthrough = createFramePassthrough({ framing: 'sse', decoder: failing });
    expect(() => passthrough.push(bytes('data: ok\n\ndata: bad\n\n'))).toThrow('in-band error');
  });

  it('throws upstream_protocol when one frame grows past maxFrameBytes without ending', () => {
    const passthrough = createFramePassthrough({ framing: 'sse', decoder: toyDecoder('sse'), maxFrameBytes: 16 });
    expect(passthrough.push(bytes('data: 0123456789')).wire).toBe('');
    expect(() => passthrough.push(bytes('abcdef'))).toThrow(
      expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining('maxFrameBytes') as string }) as Error,
    );
  });

  it('counts an unfinished frame in UTF-8 bytes, multi-byte characters included', () => {
    const passthrough = createFramePassthrough({ framing: 'sse', decoder: toyDecoder('sse'), maxFrameBytes: 15 });
    expect(passthrough.push(bytes('data: a\n\ndata: 日本')).wire).toBe('data: a\n\n');
    expect(passthrough.push(bytes('é')).wire).toBe('');
    expect(() => passthrough.push(bytes('é'))).toThrow(expect.objectContaining({ category: 'upstream_protocol' }) as Error);
  });

  it('counts a chunk that ends no frame by its bytes, a character split across chunks included', () => {
    const passthrough = createFramePassthrough({ framing: 'ndjson', decoder: toyDecoder('ndjson'), maxFrameBytes: 8 });
    const wire = bytes('日本語');
    expect(passthrough.push(wire.subarray(0, 4)).wire).toBe('');
    expect(passthrough.push(wire.subarray(4, 8)).wire).toBe('');
    expect(() => passthrough.push(wire.subarray(8))).toThrow(expect.objectContaining({ category: 'upstream_protocol' }) as Error);
  });

  it('gives a decoder that takes bytes only each frame as UTF-8', () => {
    const seen: string[] = [];
    const bytesOnly: StreamDecoder = {
      push: (chunk) => {
        seen.push(new TextDecoder().decode(chunk));
        return [];
      },
      end: () => [],
    };
    feed(createFramePassthrough({ framing: 'sse', decoder: bytesOnly }), bytes('data: é\n\ndata: 日本\n\n'), [7, 15]);
    expect(seen).toEqual(['data: é\n\n', 'data: 日本\n\n']);
  });

  it('rejects a maxFrameBytes that is not a positive number', () => {
    expect(() => createFramePassthrough({ framing: 'sse', decoder: toyDecoder('sse'), maxFrameBytes: 0 })).toThrow(
      expect.objectContaining({ category: 'invalid_request', param: 'maxFrameBytes' }) as Error,
    );
  });

  it('ignores empty chunks', () => {
    const passthrough = passthroughOf('sse');
    expect(passthrough.push(bytes('data: a\r\n\r'))).toEqual({ wire: '', events: [] });
    expect(passthrough.push(new Uint8Array(0))).toEqual({ wire: '', events: [] });
    expect(passthrough.push(bytes('\ndata: END\n\n')).wire).toBe('data: a\r\n\r\ndata: END\n\n');
  });
});

const lineText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map((text) => text.replace(/[\r\n]/g, '') || 'x');
const sseLine = fc.oneof(
  lineText.map((t) => `data: ${t}`),
  lineText.map((t) => `:${t}`),
  lineText.map((t) => `event: ${t}`),
  lineText.map((t) => `data:${t}`),
);
const lineEnd = fc.constantFrom('\n', '\r', '\r\n');
/** One event: lines with any line ends, then a blank line (after a lone CR, a LF would only finish that CR). */
const sseFrame = fc
  .tuple(fc.array(fc.tuple(sseLine, lineEnd), { minLength: 1, maxLength: 4 }), lineEnd, fc.constantFrom('\r', '\r\n'))
  .map(([lines, end, afterCR]) => {
    const last = lines.at(-1)![1];
    return lines.map(([line, lineEnd]) => line + lineEnd).join('') + (last === '\r' ? afterCR : end);
  });

describe('createFramePassthrough: any SSE stream, split anywhere', () => {
  it('forwards it unchanged, whole frames at a time, with the events of decoding it at once', () => {
    fc.assert(
      fc.property(fc.array(sseFrame, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (generated, cuts) => {
        const frames = [...generated, 'data: END\n\n'];
        const wire = bytes(frames.join(''));
        const outputs = feed(passthroughOf('sse'), wire, cuts);
        expect(outputs.map((o) => o.wire).join('')).toBe(frames.join(''));
        expect(textsOf(outputs)).toEqual(textsOf(feed(passthroughOf('sse'), wire, [])));
        expectWholeFrames(outputs, frames);
      }),
      { numRuns: 500 },
    );
  });

  it('forwards exactly the frames keep() accepts, in order, whatever it refuses and however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(sseFrame, fc.boolean()), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (generated, cuts) => {
        const frames = [...generated.map(([frame]) => frame), 'data: END\n\n'];
        const accepted = [...generated.map(([, kept]) => kept), true];
        const wire = bytes(frames.join(''));
        let seen = 0;
        const outputs = feed(
          passthroughOf('sse', () => accepted[seen++]!),
          wire,
          cuts,
        );
        expect(outputs.map((o) => o.wire).join('')).toBe(frames.filter((_, i) => accepted[i]).join(''));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('createFramePassthrough: NDJSON', () => {
  it('ends a last line that lacks its LF', () => {
    const outputs = feed(passthroughOf('ndjson'), bytes('a\nEND'), []);
    expect(outputs.map((o) => o.wire).join('')).toBe('a\nEND\n');
    expect(textsOf(outputs)).toEqual(['a', 'END']);
  });

  it("throws the decoder's error when the stream ends too early", () => {
    const passthrough = passthroughOf('ndjson');
    expect(passthrough.push(bytes('a\n')).wire).toBe('a\n');
    expect(() => passthrough.end()).toThrow('before END');
  });
});
