import { checkAnswers } from './check-answers.js';
import { checkErrors, checkStreamFailure } from './check-errors.js';
import { checkFuzzedAnswers, checkFuzzedRequests, checkFuzzedStreams } from './check-fuzz.js';
import { checkRequestRoundTrip } from './check-requests.js';
import { checkSplitChunks, checkStreamDecoding, checkStreamEncoding } from './check-streams.js';
import type { AdapterConformanceOptions } from './options.js';

/** One check of the suite: it returns when the adapter passes and throws a `ConformanceFailure` listing every breach when not. */
export interface ConformanceCheck {
  /** The behaviour checked, as a test name. */
  readonly name: string;
  readonly run: (options: AdapterConformanceOptions) => void;
}

/** The whole suite, in the order it runs. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  { name: 'builds upstream requests that parse back to the same conversation', run: checkRequestRoundTrip },
  { name: 'reads answers, and formats answers that read back the same', run: checkAnswers },
  { name: 'decodes streams to events that keep the IR grammar and carry the answer', run: checkStreamDecoding },
  { name: "encodes streams the protocol's grammar accepts, that decode back to the answer", run: checkStreamEncoding },
  { name: 'decodes the same events however a stream is split into chunks', run: checkSplitChunks },
  { name: 'maps error answers to FluxError categories and formats errors that read back the same', run: checkErrors },
  { name: "ends a failed stream with the protocol's error signal and writes nothing after it", run: checkStreamFailure },
  { name: 'throws only invalid_request FluxErrors for fuzzed request bodies', run: checkFuzzedRequests },
  { name: 'throws only FluxErrors for fuzzed answers, and reads any error answer', run: checkFuzzedAnswers },
  { name: 'throws only FluxErrors for fuzzed stream chunks, and completes only with grammatical events', run: checkFuzzedStreams },
];
