import { isDeepStrictEqual } from 'node:util';
import type { StreamEvent } from '@fluxcore/message';
import { answerDifferences, digestEvents, digestGrammarContent, digestScenario, zeroUsageAsNone } from './answer-digest.js';
import { attempt } from './attempt.js';
import { kitContext } from './check-answers.js';
import { describeThrown, Problems, show } from './failure.js';
import { irGrammarViolation } from './ir-grammar.js';
import { KIT_MODEL, subjectOf, type AdapterConformanceOptions, type ConformanceSubject } from './options.js';
import { eventsOf, pieces } from './scenario-events.js';
import { bytesOf, cutAt, decodeChunks, decodeTextChunks, frameChunks, readsText, withoutStartId } from './wire.js';

/**
 * The stream decoder reads each simulated stream, one chunk per frame, without throwing, to
 * events that keep the IR stream grammar (start first, blocks numbered and closed in order,
 * finish last) and carry what the scenario says.
 */
export function checkStreamDecoding(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const problems = new Problems(subject.adapter.name, 'stream decoding');
  for (const [name, scenario] of subject.scenarios) {
    const what = `scenario "${name}"`;
    const decoded = attempt(() => decodeChunks(subject.adapter.createStreamDecoder(), frameChunks(subject.simulator.renderStream(scenario, KIT_MODEL))));
    if (!decoded.ok) {
      problems.add(`${what}: the decoder threw ${describeThrown(decoded.thrown)}`);
      continue;
    }
    const violation = irGrammarViolation(decoded.value);
    problems.expect(violation === undefined, `${what}: the decoded events break the IR grammar: ${violation}`);
    for (const difference of answerDifferences(digestScenario(scenario), digestEvents(decoded.value))) problems.add(`${what}: ${difference}`);
  }
  problems.settle();
}

/**
 * The stream encoder writes each scenario's events as a stream the protocol's grammar accepts
 * with no violation, carrying the scenario's text and tool calls and not ending in an error;
 * the decoder reads that stream back to the same answer (zero counts standing for none).
 */
export function checkStreamEncoding(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const problems = new Problems(subject.adapter.name, 'stream encoding');
  for (const [name, scenario] of subject.scenarios) {
    const what = `scenario "${name}"`;
    const encoded = attempt(() => encodeAll(subject, eventsOf(scenario, KIT_MODEL)));
    if (!encoded.ok) {
      problems.add(`${what}: the encoder threw ${describeThrown(encoded.thrown)}`);
      continue;
    }
    const grammar = subject.grammar(encoded.value);
    for (const error of grammar.errors) problems.add(`${what}: grammar: ${error}`);
    problems.expect(!grammar.endedWithError, `${what}: the stream ends with the protocol's error signal`);
    const { text, toolCalls } = digestScenario(scenario);
    for (const difference of answerDifferences({ text, toolCalls }, digestGrammarContent(grammar))) problems.add(`${what}: a client reads ${difference}`);
    const decoded = attempt(() => decodeChunks(subject.adapter.createStreamDecoder(), [bytesOf([encoded.value])]));
    if (!decoded.ok) problems.add(`${what}: the decoder cannot read the encoded stream: ${describeThrown(decoded.thrown)}`);
    else
      for (const difference of answerDifferences(zeroUsageAsNone(digestScenario(scenario)), zeroUsageAsNone(digestEvents(decoded.value))))
        problems.add(`${what}: encoded then decoded: ${difference}`);
  }
  problems.settle();
}

/** Cut sizes tried on every stream: each chunk 1, 2, ... 7 bytes (or characters) long. */
const CUT_SIZES = [1, 2, 3, 4, 5, 6, 7];

/**
 * The decoder gives the same events however a stream is cut: every 1 to 7 bytes (through the
 * middle of multi-byte characters), and every 1 to 7 characters through `pushText` when the
 * decoder has it.
 */
export function checkSplitChunks(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const problems = new Problems(subject.adapter.name, 'split chunks');
  for (const [name, scenario] of subject.scenarios) {
    const frames = subject.simulator.renderStream(scenario, KIT_MODEL);
    const whole = attempt(() => withoutStartId(decodeChunks(subject.adapter.createStreamDecoder(), frameChunks(frames))));
    if (!whole.ok) continue; // checkStreamDecoding reports it
    for (const size of CUT_SIZES) {
      const bytes = bytesOf(frames);
      const offsets = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size);
      sameEvents(problems, `scenario "${name}" cut every ${size} bytes`, whole.value, () =>
        decodeChunks(subject.adapter.createStreamDecoder(), cutAt(bytes, offsets)),
      );
      const decoder = subject.adapter.createStreamDecoder();
      if (!readsText(decoder)) continue;
      sameEvents(problems, `scenario "${name}" through pushText, cut every ${size} characters`, whole.value, () =>
        decodeTextChunks(decoder, pieces(frames.join(''), size)),
      );
    }
  }
  problems.settle();
}

function sameEvents(problems: Problems, what: string, expected: StreamEvent[], decode: () => StreamEvent[]): void {
  const cut = attempt(() => withoutStartId(decode()));
  if (!cut.ok) return problems.add(`${what}: the decoder threw ${describeThrown(cut.thrown)}`);
  if (isDeepStrictEqual(cut.value, expected)) return;
  const at = cut.value.findIndex((event, i) => !isDeepStrictEqual(event, expected[i]));
  problems.add(`${what}: event ${at} is ${show(cut.value[at])}, whole frames gave ${show(expected[at])}`);
}

function encodeAll(subject: ConformanceSubject, events: readonly StreamEvent[]): string {
  const encoder = subject.adapter.createStreamEncoder(kitContext(true));
  return events.map((event) => encoder.encode(event)).join('');
}
