import { deepStrictEqual } from 'node:assert/strict';
import type { StreamDecoder, StreamEvent } from '@fluxcore/message';
import fc from 'fast-check';

/**
 * `bytes` cut at the given offsets, in order. An offset counts modulo `bytes.length + 1`, so any
 * natural number is a place to cut; a repeated offset gives an empty piece, which a decoder
 * must take too.
 */
export function piecesOf(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [0, ...cuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

/** Pushes `wire` (UTF-8 encoded when text) to `decoder` cut at `cuts` (see {@link piecesOf}), ends the stream, and returns every event. */
export function decodeInPieces(decoder: StreamDecoder, wire: string | Uint8Array, cuts: readonly number[] = []): StreamEvent[] {
  const bytes = typeof wire === 'string' ? new TextEncoder().encode(wire) : wire;
  const events = piecesOf(bytes, cuts).flatMap((piece) => decoder.push(piece));
  return [...events, ...decoder.end()];
}

/** How hard {@link assertAnyCutDecodesAlike} tries. */
export interface AnyCutOptions {
  /** Random cuttings tried (default 150). */
  numRuns?: number;
  /** Cuts in one cutting at the most (default 30). */
  maxCuts?: number;
}

/**
 * Asserts that `wire` decodes to the same events whole, cut at random offsets (fast-check picks
 * them and shrinks a failure), and fed one byte at a time, which splits every multi-byte
 * character. Each decoding gets a fresh decoder from `createDecoder`.
 */
export function assertAnyCutDecodesAlike(createDecoder: () => StreamDecoder, wire: string | Uint8Array, options: AnyCutOptions = {}): void {
  const bytes = typeof wire === 'string' ? new TextEncoder().encode(wire) : wire;
  const whole = decodeInPieces(createDecoder(), bytes);
  const cuttings = fc.array(fc.nat({ max: bytes.length }), { maxLength: options.maxCuts ?? 30 });
  fc.assert(
    fc.property(cuttings, (cuts) => deepStrictEqual(decodeInPieces(createDecoder(), bytes, cuts), whole)),
    { numRuns: options.numRuns ?? 150 },
  );
  const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
  deepStrictEqual(decodeInPieces(createDecoder(), bytes, everyByte), whole, 'fed one byte at a time');
}
