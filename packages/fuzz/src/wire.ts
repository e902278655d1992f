import fc from 'fast-check';
import { cutAt } from '@fluxcore/adapter-kit';
import { NdjsonDecoder, SseDecoder } from '@fluxcore/message';
import { jsonFrom, SPECIAL_STRINGS, stringFrom, type Vocabulary } from './json.js';
import { applyMutations, mutationsOf, type Mutation } from './mutate.js';

/** How a protocol frames its stream. */
export type Framing = 'sse' | 'ndjson';

/** One frame of a stream: an SSE event (name and data) or an NDJSON line (data only). */
export interface Frame {
  event?: string;
  data: string;
}

/** The frames of a fixture stream. Multi-line SSE data is joined, as a decoder would. */
export function framesOf(wire: string, framing: Framing): Frame[] {
  const text = wire.replace(/\r\n?/g, '\n');
  if (framing === 'ndjson')
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((data) => ({ data }));
  return text
    .split(/\n\n+/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const frame: Frame = { data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) frame.event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      frame.data = data.join('\n');
      return frame;
    });
}

/** The frames of a whole byte stream, as the real SSE or NDJSON decoder reads them. */
export function framesOfBytes(wire: Uint8Array, framing: Framing): Frame[] {
  if (framing === 'sse') {
    const sse = new SseDecoder();
    return [...sse.push(wire), ...sse.end()];
  }
  const ndjson = new NdjsonDecoder();
  return [...ndjson.push(wire), ...ndjson.end()].map((data) => ({ data }));
}

/** Frames back to wire text, with the given line end. */
export function wireOf(frames: readonly Frame[], framing: Framing, lineEnd = '\n'): string {
  if (framing === 'ndjson') return frames.map((frame) => frame.data + lineEnd).join('');
  return frames
    .map((frame) => {
      const data = frame.data
        .split('\n')
        .map((line) => `data: ${line}${lineEnd}`)
        .join('');
      return `${frame.event === undefined ? '' : `event: ${frame.event}${lineEnd}`}${data}${lineEnd}`;
    })
    .join('');
}

/** How to cut a byte stream into chunks: at these offsets (taken modulo the length), or every n bytes. */
export type Split = { at: number[] } | { every: number };

/** Random cuts: a few anywhere, or every 1 to 7 bytes (splitting every multi-byte character). */
export const splits: fc.Arbitrary<Split> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at: fc.array(fc.nat(), { maxLength: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ every: fc.integer({ min: 1, max: 7 }) }) },
);

/** Most chunks one stream is cut into: byte-by-byte feeding of a 1 MB stream would only measure call overhead. */
const MAX_CHUNKS = 2_048;

/** The chunks `bytes` falls into under `split`. */
export function chunksOf(bytes: Uint8Array, split: Split): Uint8Array[] {
  const step = 'every' in split ? Math.max(split.every, Math.ceil(bytes.length / MAX_CHUNKS)) : 0;
  const points =
    'every' in split
      ? Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) => i * step)
      : split.at.map((cut) => (bytes.length === 0 ? 0 : cut % bytes.length));
  return cutAt(bytes, points);
}

/** A change to a stream, frame by frame or to its bytes. */
type StreamMutation =
  | { kind: 'fields'; frame: number; mutations: Mutation[] }
  | { kind: 'drop' | 'duplicate' | 'swap'; frame: number }
  | { kind: 'data'; frame: number; data: string }
  | { kind: 'event'; frame: number; event: string | undefined }
  | { kind: 'line-end'; lineEnd: string }
  | { kind: 'truncate'; keep: number };

/** A fixture stream after its mutations; reported as text, long runs shortened. */
export class MutatedStream {
  constructor(readonly wire: Uint8Array) {}

  [fc.toStringMethod](): string {
    const text = new TextDecoder().decode(this.wire).replace(/(.)\1{63,}/g, (run, char: string) => `${char}{×${run.length}}`);
    return JSON.stringify(text.length > 4_000 ? `${text.slice(0, 4_000)}…(${text.length} chars)` : text);
  }
}

function parsedData(frame: Frame): unknown {
  try {
    return JSON.parse(frame.data);
  } catch {
    return undefined;
  }
}

function applyStreamMutations(frames: readonly Frame[], framing: Framing, mutations: readonly StreamMutation[]): Uint8Array {
  const out = frames.map((frame) => ({ ...frame }));
  let lineEnd = '\n';
  let keep = 1;
  for (const mutation of mutations) {
    if (mutation.kind === 'line-end') lineEnd = mutation.lineEnd;
    else if (mutation.kind === 'truncate') keep = mutation.keep;
    else {
      const i = Math.min(mutation.frame, out.length - 1);
      const frame = out[i];
      if (frame === undefined) continue;
      if (mutation.kind === 'fields') frame.data = JSON.stringify(applyMutations(parsedData(frame), mutation.mutations)) ?? 'null';
      else if (mutation.kind === 'drop') out.splice(i, 1);
      else if (mutation.kind === 'duplicate') out.splice(i, 0, { ...frame });
      else if (mutation.kind === 'swap' && i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1]!, frame];
      else if (mutation.kind === 'data') frame.data = mutation.data;
      else if (mutation.kind === 'event') {
        if (mutation.event === undefined) delete frame.event;
        else frame.event = mutation.event;
      }
    }
  }
  const bytes = new TextEncoder().encode(wireOf(out, framing, lineEnd));
  return bytes.subarray(0, Math.round(bytes.length * keep));
}

/**
 * A fixture stream mutated: one to three changes among a frame's fields (drop, null, wrong
 * type, huge, nested, odd numbers), dropped, duplicated or swapped frames, garbage data,
 * renamed events, other line ends and truncation.
 */
export function mutatedStream(wire: string, framing: Framing, vocabulary: Vocabulary): fc.Arbitrary<MutatedStream> {
  const frames = framesOf(wire, framing);
  const frameIndex = fc.nat({ max: frames.length - 1 });
  const withJson = frames.map((frame, i) => [i, parsedData(frame)] as const).filter(([, data]) => typeof data === 'object' && data !== null);
  const fields = fc
    .constantFrom(...withJson)
    .chain(([frame, data]) => mutationsOf(data, vocabulary).map((mutations): StreamMutation => ({ kind: 'fields', frame, mutations })));
  const eventNames = [...new Set(frames.map((frame) => frame.event).filter((event) => event !== undefined)), 'error', 'ping', ...SPECIAL_STRINGS.slice(0, 8)];
  const mutation: fc.Arbitrary<StreamMutation> = fc.oneof(
    { weight: 8, arbitrary: fields },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('drop' as const, 'duplicate' as const, 'swap' as const), frame: frameIndex }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('data' as const),
        frame: frameIndex,
        data: fc.oneof(
          stringFrom(vocabulary),
          jsonFrom(vocabulary, 3).map((value) => JSON.stringify(value) ?? ''),
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('event' as const), frame: frameIndex, event: fc.option(fc.constantFrom(...eventNames), { nil: undefined }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('line-end' as const), lineEnd: fc.constantFrom('\r\n', '\r') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), keep: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => new MutatedStream(applyStreamMutations(frames, framing, mutations)));
}

/** A stream of random frames built from the protocol's vocabulary (well framed, random content). */
export function randomFrames(framing: Framing, vocabulary: Vocabulary, eventNames: readonly string[]): fc.Arbitrary<MutatedStream> {
  const frame: fc.Arbitrary<Frame> = fc.record(
    {
      event: fc.constantFrom(...eventNames, 'error', 'ping'),
      data: fc.oneof(
        { weight: 5, arbitrary: jsonFrom(vocabulary, 4).map((value) => JSON.stringify(value) ?? 'null') },
        { weight: 1, arbitrary: stringFrom(vocabulary) },
      ),
    },
    { requiredKeys: ['data'] },
  );
  return fc
    .array(frame, { maxLength: 12 })
    .map((frames) => new MutatedStream(new TextEncoder().encode(wireOf(framing === 'ndjson' ? frames.map(({ data }) => ({ data })) : frames, framing))));
}
