import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { deeplyNestedFrom } from './deep.js';
import { fuzz, RUNS_PER_ADAPTER } from './fuzz.js';
import { jsonFrom } from './json.js';
import { mutatedFrom } from './mutate.js';
import { assertPlainIr } from './ir.js';
import { categories, mayOnlyThrow } from './oracle.js';
import { SUBJECTS } from './subjects.js';
import { writeTally } from './tally.js';
import { stopWatchdog } from './watchdog.js';

afterAll(async () => {
  writeTally(import.meta.url);
  await stopWatchdog();
});

/** What the route may add: Gemini puts the model and streaming in the URL. */
const routeOptions = fc.option(fc.record({ model: fc.constantFrom('gemini-2.5-flash', 'gpt-4.1', ''), stream: fc.boolean() }, { requiredKeys: [] }), {
  nil: undefined,
});

const onlyInvalidRequest = categories('invalid_request');

describe.each(SUBJECTS.map((subject) => [subject.adapter.name, subject] as const))('%s parseRequest', (_name, subject) => {
  const parse = (body: unknown, options?: { model?: string; stream?: boolean }): void => {
    const outcome = mayOnlyThrow(`${subject.adapter.name}.parseRequest`, onlyInvalidRequest, () => subject.adapter.parseRequest(body, options));
    if ('value' in outcome) assertPlainIr(outcome.value, `${subject.adapter.name}.parseRequest`);
  };

  it('accepts every request fixture', () => {
    for (const { name, value } of subject.requests) {
      expect(() => subject.adapter.parseRequest(structuredClone(value), { model: 'fixture-model' }), name).not.toThrow();
    }
  });

  it('throws only invalid_request FluxErrors (or returns plain IR) for random JSON', () => {
    fuzz(
      `${subject.adapter.name} parseRequest: random JSON`,
      fc.tuple(jsonFrom(subject.vocabulary), routeOptions),
      ([body, options]) => parse(body, options),
      RUNS_PER_ADAPTER,
    );
  });

  it('throws only invalid_request FluxErrors (or returns plain IR) for fixtures mutated field by field', () => {
    const fixtures = fc.constantFrom(...subject.requests).chain(({ value }) => mutatedFrom(value, subject.vocabulary));
    fuzz(
      `${subject.adapter.name} parseRequest: mutated fixtures`,
      fc.tuple(fixtures, routeOptions),
      ([body, options]) => parse(body, options),
      RUNS_PER_ADAPTER,
    );
  });

  it('throws only invalid_request FluxErrors for a field nested 10,000 levels deep', () => {
    fuzz(
      `${subject.adapter.name} parseRequest: extreme nesting`,
      deeplyNestedFrom(subject.requests),
      (payload) => parse(payload.value, { model: 'm' }),
      RUNS_PER_ADAPTER,
    );
  });
});
