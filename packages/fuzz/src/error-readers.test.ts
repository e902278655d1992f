import fc from 'fast-check';
import { ERROR_CATEGORIES, isFluxError } from '@fluxcore/errors';
import type { HeaderReader } from '@fluxcore/message';
import { afterAll, describe, it } from 'vitest';
import { fuzz, RUNS_PER_ADAPTER } from './fuzz.js';
import { jsonFrom, SPECIAL_STRINGS } from './json.js';
import { mutatedFrom } from './mutate.js';
import { assertNoKeyLeak, describeThrown } from './oracle.js';
import { SUBJECTS, type Subject } from './subjects.js';
import { writeTally } from './tally.js';
import { stopWatchdog } from './watchdog.js';

afterAll(async () => {
  writeTally(import.meta.url);
  await stopWatchdog();
});

/** Statuses an upstream answers errors with, and some it should not. */
const statuses = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 498, 499, 500, 502, 503, 504, 529) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 999 }) },
);

/** Header values, odd ones favoured: negative, huge, `1e309`, dates, garbage. */
const headerValue = fc.oneof(
  fc.constantFrom(
    '0',
    '1',
    '-1',
    '1.5',
    '1e309',
    '99999999999999999999',
    'Wed, 21 Oct 2015 07:28:00 GMT',
    'Fri, 31 Dec 9999 23:59:59 GMT',
    'soon',
    ...SPECIAL_STRINGS,
  ),
  fc.string({ maxLength: 12 }),
);

/** Response headers as adapters read them (`get` by lower-case name). */
const headers: fc.Arbitrary<HeaderReader> = fc
  .dictionary(
    fc.constantFrom('retry-after', 'retry-after-ms', 'x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens', 'content-type', 'x-should-retry'),
    headerValue,
    { maxKeys: 3 },
  )
  .map((map) => ({ get: (name: string) => map[name] ?? null, toString: () => JSON.stringify(map) }));

/** Bodies: random text, random JSON, and the provider's own error bodies mutated field by field. */
function bodies(subject: Subject): fc.Arbitrary<string> {
  const mutated = fc.constantFrom(...subject.errorBodies).chain(({ value }) => mutatedFrom(value, subject.vocabulary));
  return fc.oneof(
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '<html><body>502 Bad Gateway</body></html>', 'null', '[]', '"error"', ...SPECIAL_STRINGS) },
    { weight: 2, arbitrary: jsonFrom(subject.vocabulary).map((value) => JSON.stringify(value) ?? '') },
    { weight: 4, arbitrary: mutated.map((value) => JSON.stringify(value) ?? '') },
  );
}

/** parseError must return (never throw) a well-formed FluxError that does not repeat the key. */
function readError(subject: Subject, status: number, body: string, reader: HeaderReader): void {
  let error: unknown;
  try {
    error = subject.adapter.parseError(status, body, reader);
  } catch (thrown) {
    throw new Error(`${subject.adapter.name}.parseError threw ${describeThrown(thrown)}`);
  }
  if (!isFluxError(error)) throw new Error(`${subject.adapter.name}.parseError returned something other than a FluxError`);
  if (!ERROR_CATEGORIES.includes(error.category)) throw new Error(`unknown category ${String(error.category)}`);
  if (!Number.isInteger(error.status) || error.status < 100 || error.status > 599) throw new Error(`status ${error.status} is not an HTTP status`);
  if (error.retryAfterMs !== undefined && !(Number.isFinite(error.retryAfterMs) && error.retryAfterMs >= 0))
    throw new Error(`retryAfterMs ${error.retryAfterMs}`);
  if (typeof error.message !== 'string') throw new Error('no message');
  assertNoKeyLeak(error, `${subject.adapter.name}.parseError`);
}

describe.each(SUBJECTS.map((subject) => [subject.adapter.name, subject] as const))('%s parseError', (_name, subject) => {
  it('returns a well-formed FluxError, never throws, never repeats the key, whatever the body, status and headers', () => {
    fuzz(
      `${subject.adapter.name} parseError`,
      fc.tuple(statuses, bodies(subject), headers),
      ([status, body, reader]) => readError(subject, status, body, reader),
      RUNS_PER_ADAPTER,
    );
  });
});
