import fc from 'fast-check';
import { decodeChunks, irGrammarViolation } from '@fluxcore/adapter-kit';
import { isFluxError, type FluxError } from '@fluxcore/errors';
import type { StreamEvent } from '@fluxcore/message';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzz, RUNS_PER_ADAPTER, RUNS_PER_PROPERTY } from './fuzz.js';
import { deepJsonText, EXTREME_DEPTHS } from './deep.js';
import { pathsOf } from './mutate.js';
import { assertPlainIr } from './ir.js';
import { mayOnlyThrow } from './oracle.js';
import { hasErrorFrame, SUBJECTS, type Subject } from './subjects.js';
import { writeTally } from './tally.js';
import { stopWatchdog } from './watchdog.js';
import { chunksOf, framesOf, mutatedStream, randomFrames, splits, wireOf, type Split } from './wire.js';

afterAll(async () => {
  writeTally(import.meta.url);
  await stopWatchdog();
});

const encoder = new TextEncoder();

/** Decode `wire` cut by `split` with a fresh decoder. */
function decode(subject: Subject, wire: Uint8Array, split: Split): StreamEvent[] {
  return decodeChunks(subject.adapter.createStreamDecoder(), chunksOf(wire, split));
}

/**
 * Any input: the decoder either completes with events that keep the IR grammar, or throws an
 * upstream_protocol FluxError (any category only when the input holds a provider error frame).
 */
function decodeAnything(subject: Subject, wire: Uint8Array, split: Split): void {
  const allowed = (error: FluxError) => error.category === 'upstream_protocol' || hasErrorFrame(subject, wire);
  const outcome = mayOnlyThrow(`${subject.adapter.name} stream decoder`, allowed, () => decode(subject, wire, split));
  if ('value' in outcome) {
    const violation = irGrammarViolation(outcome.value);
    if (violation !== undefined) throw new Error(`${subject.adapter.name} stream decoder completed with events that break the IR grammar: ${violation}`);
    assertPlainIr(outcome.value, `${subject.adapter.name} stream decoder`);
  }
}

/** Extreme nesting runs per adapter (12,500 in all). */
const DEEP_RUNS = 2_500;

describe.each(SUBJECTS.map((subject) => [subject.adapter.name, subject] as const))('%s stream decoder', (_name, subject) => {
  const streams = subject.streams.map(({ name, value }) => ({ name, wire: encoder.encode(value), events: decode(subject, encoder.encode(value), { at: [] }) }));

  it('decodes every valid fixture stream, split anywhere, to the same grammatical events without throwing', () => {
    for (const { name, events } of streams) expect(irGrammarViolation(events), name).toBeUndefined();
    fuzz(
      `${subject.adapter.name} decoder: valid streams split anywhere`,
      fc.tuple(fc.constantFrom(...streams), splits),
      ([stream, split]) => {
        const events = mayOnlyThrow(
          `${subject.adapter.name} decoding ${stream.name}`,
          () => false,
          () => decode(subject, stream.wire, split),
        );
        expect(events).toEqual({ value: stream.events });
      },
      RUNS_PER_ADAPTER,
    );
  });

  it('reports an in-band provider error with the same category however the stream is split', () => {
    const errorStreams = subject.errorStreams.map(({ name, value }) => {
      const wire = encoder.encode(value);
      const outcome = mayOnlyThrow(
        name,
        () => true,
        () => decode(subject, wire, { at: [] }),
      );
      if (!('error' in outcome)) throw new Error(`${name} decodes without an error`);
      return { name, wire, category: outcome.error.category };
    });
    for (const { name, category } of errorStreams) expect(category, name).not.toBe('upstream_protocol');
    fuzz(
      `${subject.adapter.name} decoder: error streams split anywhere`,
      fc.tuple(fc.constantFrom(...errorStreams), splits),
      ([stream, split]) => {
        const outcome = mayOnlyThrow(
          stream.name,
          (error) => error.category === stream.category,
          () => decode(subject, stream.wire, split),
        );
        if (!('error' in outcome)) throw new Error(`${stream.name} decoded without its error`);
      },
      RUNS_PER_ADAPTER,
    );
  });

  it('throws only upstream_protocol FluxErrors for random bytes', () => {
    fuzz(
      `${subject.adapter.name} decoder: random bytes`,
      fc.tuple(fc.uint8Array({ maxLength: 512 }), splits),
      ([wire, split]) => decodeAnything(subject, wire, split),
      RUNS_PER_ADAPTER,
    );
  });

  it('throws only upstream_protocol FluxErrors for well-framed random events', () => {
    const wires = randomFrames(subject.framing, subject.vocabulary, subject.eventNames);
    fuzz(
      `${subject.adapter.name} decoder: random frames`,
      fc.tuple(wires, splits),
      ([stream, split]) => decodeAnything(subject, stream.wire, split),
      RUNS_PER_ADAPTER,
    );
  });

  it('throws only upstream_protocol FluxErrors for fixture streams mutated frame by frame and field by field', () => {
    const mutated = fc
      .constantFrom(...subject.streams, ...subject.errorStreams)
      .chain(({ value }) => mutatedStream(value, subject.framing, subject.vocabulary));
    fuzz(
      `${subject.adapter.name} decoder: mutated streams`,
      fc.tuple(mutated, splits),
      ([stream, split]) => decodeAnything(subject, stream.wire, split),
      RUNS_PER_ADAPTER,
    );
  });

  it.skipIf(subject.pending.deepNesting !== undefined)('throws only upstream_protocol FluxErrors when a frame nests 10,000 levels deep', () => {
    // Every (stream, frame, field) a deep value can replace, worked out once.
    const targets = subject.streams.flatMap(({ name, value }) => {
      const frames = framesOf(value, subject.framing);
      return frames.flatMap((frame, i) => (frame.data.startsWith('{') ? pathsOf(JSON.parse(frame.data)).map((path) => ({ name, frames, i, path })) : []));
    });
    const deep = fc.tuple(fc.constantFrom(...targets), fc.constantFrom(...EXTREME_DEPTHS), fc.boolean()).map(([{ name, frames, i, path }, depth, asArrays]) => {
      const changed = frames.map((frame, j) => (j === i ? { ...frame, data: deepJsonText(JSON.parse(frame.data), path, depth, asArrays) } : frame));
      const wire = encoder.encode(wireOf(changed, subject.framing));
      return { wire, [fc.toStringMethod]: () => `${name}, frame ${i}, ${JSON.stringify(path)} nested ${depth} levels of ${asArrays ? 'arrays' : 'objects'}` };
    });
    fuzz(`${subject.adapter.name} decoder: extreme nesting`, deep, (input) => decodeAnything(subject, input.wire, { at: [] }), DEEP_RUNS);
  });
});

it('gives every decoder a split-invariant outcome for mutated streams (same events or same error category)', () => {
  const cases = fc.constantFrom(...SUBJECTS).chain((subject) =>
    fc.tuple(
      fc.constant(subject),
      fc.constantFrom(...subject.streams).chain(({ value }) => mutatedStream(value, subject.framing, subject.vocabulary)),
      splits,
    ),
  );
  fuzz(
    'every decoder: split invariance',
    cases,
    ([subject, stream, split]) => {
      const whole = outcomeOf(() => decode(subject, stream.wire, { at: [] }));
      const cut = outcomeOf(() => decode(subject, stream.wire, split));
      expect(cut).toEqual(whole);
    },
    RUNS_PER_PROPERTY,
  );
});

function outcomeOf(action: () => StreamEvent[]): { events: StreamEvent[] } | { category: string } {
  try {
    return { events: action() };
  } catch (error) {
    return { category: isFluxError(error) ? error.category : 'not a FluxError' };
  }
}
