import fc from 'fast-check';
import { isFluxError, type ErrorCategory } from '@fluxcore/errors';
import type { JsonObject } from '@fluxcore/message';
import { attempt } from './attempt.js';
import { headerReader } from './check-errors.js';
import { ConformanceFailure, describeThrown, show } from './failure.js';
import { anyJson, cutOffsets, mutatedFrom, mutatedStream, vocabularyOf, type Vocabulary } from './fuzz-input.js';
import { irGrammarViolation } from './ir-grammar.js';
import { KIT_MODEL, kitTarget, subjectOf, type AdapterConformanceOptions, type ConformanceSubject } from './options.js';
import { bytesOf, cutAt, decodeChunks } from './wire.js';

/**
 * Run `property` on `subject.runs` inputs with the subject's seed. A counterexample fails the
 * check with what went wrong, the shrunk input, and the seed and path that replay it.
 */
function fuzz<T>(subject: ConformanceSubject, check: string, input: fc.Arbitrary<T>, property: (value: T) => void): void {
  const details = fc.check(fc.property(input, property), { seed: subject.seed, numRuns: subject.runs });
  if (!details.failed) return;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const replay = `input ${show(details.counterexample)} (seed ${details.seed}, path "${details.counterexamplePath ?? ''}", after ${details.numRuns} runs)`;
  throw new ConformanceFailure(subject.adapter.name, check, [error, replay]);
}

/** Fails the property unless `thrown` is a FluxError (of the `allowed` category, when given). */
function onlyFluxError(what: string, thrown: unknown, allowed?: ErrorCategory): void {
  if (!isFluxError(thrown)) throw new Error(`${what} threw ${describeThrown(thrown)}`);
  if (allowed !== undefined && thrown.category !== allowed) throw new Error(`${what} threw ${describeThrown(thrown)}, expected ${allowed}`);
}

/** Run `action`: it may return, or throw what {@link onlyFluxError} allows. */
function mayOnlyThrowFluxError(what: string, action: () => unknown, allowed?: ErrorCategory): void {
  const outcome = attempt(action);
  if (!outcome.ok) onlyFluxError(what, outcome.thrown, allowed);
}

/** The wire values the protocol is made of: built requests, simulated answers, streams and errors. */
function wireSamples(subject: ConformanceSubject): { requests: unknown[]; answers: JsonObject[]; errors: JsonObject[]; streams: string[][] } {
  const requests = subject.requests.flatMap(([, request]) => {
    const built = attempt(() => JSON.parse(subject.adapter.buildRequest(structuredClone({ ...request, stream: false }), kitTarget(false)).body) as unknown);
    return built.ok ? [built.value] : [];
  });
  const scenarios = subject.scenarios.map(([, scenario]) => scenario);
  return {
    requests,
    answers: scenarios.map((scenario) => subject.simulator.renderResponse(scenario, KIT_MODEL)),
    errors: [subject.simulator.renderError('rate_limit', 429, 'slow down'), subject.simulator.renderError('server', 500, 'failed')],
    streams: scenarios.map((scenario) => subject.simulator.renderStream(scenario, KIT_MODEL)),
  };
}

function vocabularyFor(samples: ReturnType<typeof wireSamples>): Vocabulary {
  const frameJson = samples.streams.flat().flatMap((frame) => {
    const parsed = attempt(() => JSON.parse(frame.slice(frame.indexOf('{'), frame.lastIndexOf('}') + 1)) as unknown);
    return parsed.ok ? [parsed.value] : [];
  });
  return vocabularyOf([...samples.requests, ...samples.answers, ...samples.errors, ...frameJson]);
}

/** Pick one of the samples and mutate it, or make up any JSON. */
function bodies(samples: readonly unknown[], vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  if (samples.length === 0) return anyJson(vocabulary);
  return fc.oneof(
    anyJson(vocabulary),
    fc.constantFrom(...samples).chain((sample) => mutatedFrom(sample, vocabulary)),
  );
}

/** `parseRequest` of random and mutated request bodies returns or throws a FluxError `invalid_request`, nothing else. */
export function checkFuzzedRequests(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const samples = wireSamples(subject);
  const route = fc.option(fc.record({ model: fc.constantFrom(KIT_MODEL, ''), stream: fc.boolean() }, { requiredKeys: [] }), { nil: undefined });
  fuzz(subject, 'fuzzed requests', fc.tuple(bodies(samples.requests, vocabularyFor(samples)), route), ([body, options]) =>
    mayOnlyThrowFluxError('parseRequest', () => subject.adapter.parseRequest(body, options), 'invalid_request'),
  );
}

/**
 * `parseResponse` of random and mutated answers returns or throws a FluxError; `parseError`
 * returns a FluxError for any status, body and headers, and never throws.
 */
export function checkFuzzedAnswers(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const samples = wireSamples(subject);
  const vocabulary = vocabularyFor(samples);
  fuzz(subject, 'fuzzed answers', bodies(samples.answers, vocabulary), (body) =>
    mayOnlyThrowFluxError('parseResponse', () => subject.adapter.parseResponse(body)),
  );
  const errorBody = fc.oneof(
    fc.string({ maxLength: 40 }),
    bodies(samples.errors, vocabulary).map((body) => JSON.stringify(body) ?? ''),
  );
  const headers = fc.dictionary(
    fc.constantFrom('retry-after', 'content-type', 'x-request-id', '__proto__'),
    fc.constantFrom('7', '-1', 'soon', '', 'Wed, 21 Oct 2015 07:28:00 GMT'),
  );
  fuzz(subject, 'fuzzed error answers', fc.tuple(fc.integer({ min: 100, max: 599 }), errorBody, headers), ([status, body, map]) => {
    const outcome = attempt(() => subject.adapter.parseError(status, body, headerReader(map)));
    if (!outcome.ok) throw new Error(`parseError threw ${describeThrown(outcome.thrown)}`);
    if (!isFluxError(outcome.value)) throw new Error('parseError returned something else than a FluxError');
  });
}

/**
 * The stream decoder, fed mutated simulated streams or random bytes cut anywhere, throws only
 * FluxErrors, and whenever it completes its events keep the IR grammar.
 */
export function checkFuzzedStreams(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const samples = wireSamples(subject);
  const vocabulary = vocabularyFor(samples);
  const wires = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(...samples.streams)
        .chain((frames) => mutatedStream(frames, vocabulary))
        .map((frames) => bytesOf(frames)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
  );
  fuzz(subject, 'fuzzed streams', fc.tuple(wires, cutOffsets), ([wire, cuts]) => {
    const outcome = attempt(() =>
      decodeChunks(
        subject.adapter.createStreamDecoder(),
        cutAt(
          wire,
          cuts.map((cut) => cut % (wire.length + 1)),
        ),
      ),
    );
    if (!outcome.ok) return onlyFluxError('the stream decoder', outcome.thrown);
    const violation = irGrammarViolation(outcome.value);
    if (violation !== undefined) throw new Error(`the decoder completed with events that break the IR grammar: ${violation}`);
  });
}
