import type { StreamDecoder, StreamEvent } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { assertAnyCutDecodesAlike, decodeInPieces, piecesOf } from './decode-in-pieces.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const texts = (pieces: Uint8Array[]) => pieces.map((piece) => new TextDecoder().decode(piece));

/** Reports each chunk it is pushed as one text-delta, and every line once the stream ends: a decoder whose events depend on the cutting. */
function chunkEcho(): StreamDecoder {
  let all = '';
  return {
    push(chunk) {
      const text = new TextDecoder().decode(chunk);
      all += text;
      return [{ type: 'text-delta', index: 0, text }];
    },
    end: () => all.split('\n').map((line): StreamEvent => ({ type: 'text-delta', index: 1, text: line })),
  };
}

/** Reports only the lines of the whole stream, once it ends: a decoder any cutting gives the same events. */
function lineReader(): StreamDecoder {
  const decoder = new TextDecoder();
  let all = '';
  return {
    push(chunk) {
      all += decoder.decode(chunk, { stream: true });
      return [];
    },
    end: () => (all + decoder.decode()).split('\n').map((line): StreamEvent => ({ type: 'text-delta', index: 0, text: line })),
  };
}

describe('piecesOf', () => {
  it('cuts at the offsets in order, an offset counting modulo length + 1', () => {
    expect(texts(piecesOf(bytes('abcdef'), [4, 2]))).toEqual(['ab', 'cd', 'ef']);
    expect(texts(piecesOf(bytes('abc'), [5]))).toEqual(['a', 'bc']);
    expect(texts(piecesOf(bytes('abc'), []))).toEqual(['abc']);
  });

  it('gives an empty piece for a repeated offset and at either end', () => {
    expect(texts(piecesOf(bytes('abc'), [1, 1, 0, 3]))).toEqual(['', 'a', '', 'bc', '']);
  });
});

describe('decodeInPieces', () => {
  it('pushes each piece, then ends the stream, and returns every event', () => {
    expect(decodeInPieces(chunkEcho(), 'ab\nc', [1])).toEqual([
      { type: 'text-delta', index: 0, text: 'a' },
      { type: 'text-delta', index: 0, text: 'b\nc' },
      { type: 'text-delta', index: 1, text: 'ab' },
      { type: 'text-delta', index: 1, text: 'c' },
    ]);
  });
});

describe('assertAnyCutDecodesAlike', () => {
  it('passes a decoder whose events do not depend on where the bytes are cut, multi-byte characters included', () => {
    expect(() => assertAnyCutDecodesAlike(lineReader, 'héllo\nwörld ✓\n')).not.toThrow();
  });

  it('fails a decoder whose events depend on the cutting', () => {
    expect(() => assertAnyCutDecodesAlike(chunkEcho, 'hello\nworld\n', { numRuns: 20 })).toThrow();
  });
});
