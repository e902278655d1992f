import fc from 'fast-check';
import type { FluxError } from '@fluxcore/errors';
import { afterAll, describe, expect, it } from 'vitest';
import { deeplyNestedFrom } from './deep.js';
import { fuzz, RUNS_PER_ADAPTER } from './fuzz.js';
import { jsonFrom } from './json.js';
import { mutatedFrom } from './mutate.js';
import { assertPlainIr } from './ir.js';
import { mayOnlyThrow } from './oracle.js';
import { SUBJECTS, type Subject } from './subjects.js';
import { writeTally } from './tally.js';
import { stopWatchdog } from './watchdog.js';

afterAll(async () => {
  writeTally(import.meta.url);
  await stopWatchdog();
});

/** Plain IR, or an upstream_protocol FluxError (any category for a body that is itself a provider error). */
function parseResponse(subject: Subject, body: unknown): void {
  const allowed = (error: FluxError) => error.category === 'upstream_protocol' || subject.isErrorResponse(body);
  const outcome = mayOnlyThrow(`${subject.adapter.name}.parseResponse`, allowed, () => subject.adapter.parseResponse(body));
  if ('value' in outcome) assertPlainIr(outcome.value, `${subject.adapter.name}.parseResponse`);
}

/** Extreme nesting runs per adapter (12,500 in all). */
const DEEP_RUNS = 2_500;

describe.each(SUBJECTS.map((subject) => [subject.adapter.name, subject] as const))('%s parseResponse', (_name, subject) => {
  it('accepts every response fixture', () => {
    for (const { name, value } of subject.responses) expect(() => subject.adapter.parseResponse(structuredClone(value)), name).not.toThrow();
  });

  it('throws only upstream_protocol FluxErrors for random JSON (a provider error body keeps its category)', () => {
    fuzz(`${subject.adapter.name} parseResponse: random JSON`, jsonFrom(subject.vocabulary), (body) => parseResponse(subject, body), RUNS_PER_ADAPTER);
  });

  it('throws only upstream_protocol FluxErrors for fixtures mutated field by field', () => {
    const bodies = fc.constantFrom(...subject.responses, ...subject.errorBodies).chain(({ value }) => mutatedFrom(value, subject.vocabulary));
    fuzz(`${subject.adapter.name} parseResponse: mutated fixtures`, bodies, (body) => parseResponse(subject, body), RUNS_PER_ADAPTER);
  });

  it.skipIf(subject.pending.deepNesting !== undefined)('throws only upstream_protocol FluxErrors for a field nested 10,000 levels deep', () => {
    fuzz(
      `${subject.adapter.name} parseResponse: extreme nesting`,
      deeplyNestedFrom(subject.responses),
      (payload) => parseResponse(subject, payload.value),
      DEEP_RUNS,
    );
  });
});
