import { CATEGORY_POLICY, FluxError, isFluxError, type ErrorCategory } from '@fluxcore/errors';
import type { HeaderMap, HeaderReader, StreamEvent } from '@fluxcore/message';
import { attempt } from './attempt.js';
import { kitContext } from './check-answers.js';
import { describeThrown, Problems } from './failure.js';
import { KIT_MODEL, subjectOf, type AdapterConformanceOptions } from './options.js';
import type { SimulatedErrorKind } from './simulator.js';
import { decodeChunks, frameChunks } from './wire.js';

/** Each provider error kind with the status a provider sends it with. */
const ERROR_STATUS: Readonly<Record<SimulatedErrorKind, number>> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  server: 500,
  overloaded: 503,
};

const MESSAGE = 'adapter-kit says no';

/** Reads headers from a plain map, by any case. */
export function headerReader(headers: HeaderMap = {}): HeaderReader {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name) => lower.get(name.toLowerCase()) };
}

/**
 * `parseError` reads each simulated error answer to a FluxError of its category, with the
 * provider's message and a 429's `retry-after`; what `formatError` writes for each category
 * reads back to that category (or one routing treats alike); an error the provider sends inside a stream makes the
 * decoder throw a FluxError (never a clean end).
 */
export function checkErrors(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const problems = new Problems(subject.adapter.name, 'errors');
  for (const [kind, status] of Object.entries(ERROR_STATUS) as Array<[SimulatedErrorKind, number]>) {
    const body = JSON.stringify(subject.simulator.renderError(kind, status, MESSAGE));
    const headers: HeaderMap = kind === 'rate_limit' ? { 'retry-after': '7' } : {};
    const parsed = attempt(() => subject.adapter.parseError(status, body, headerReader(headers)));
    if (!parsed.ok || !isFluxError(parsed.value)) {
      problems.add(`${status} ${kind}: parseError ${parsed.ok ? 'returned something else than a FluxError' : `threw ${describeThrown(parsed.thrown)}`}`);
      continue;
    }
    problems.expect(parsed.value.category === kind, `${status} ${kind}: parseError gave category ${parsed.value.category}`);
    problems.expect(parsed.value.message.includes(MESSAGE), `${status} ${kind}: the error message leaves out the provider's: ${parsed.value.message}`);
    if (kind === 'rate_limit') problems.expect(parsed.value.retryAfterMs === 7_000, `429: retry-after 7 read as ${String(parsed.value.retryAfterMs)} ms`);
    checkFormattedError(subject.adapter, problems, kind);
  }
  checkStreamErrors(subject.adapter, subject.simulator, problems);
  problems.settle();
}

function checkFormattedError(adapter: AdapterConformanceOptions['adapter'], problems: Problems, category: ErrorCategory): void {
  const formatted = attempt(() => adapter.formatError(new FluxError({ category, message: MESSAGE })));
  if (!formatted.ok) return problems.add(`${category}: formatError threw ${describeThrown(formatted.thrown)}`);
  const { status, body, headers } = formatted.value;
  problems.expect(Number.isInteger(status) && status >= 400 && status <= 599, `${category}: formatError answers status ${status}`);
  const reread = attempt(() => adapter.parseError(status, JSON.stringify(body), headerReader(headers)));
  if (!reread.ok) return problems.add(`${category}: parseError of the formatted error threw ${describeThrown(reread.thrown)}`);
  problems.expect(routedAlike(reread.value.category, category), `${category}: formatted then read back as ${reread.value.category}`);
}

/**
 * The same category, or one routing treats the same way (retried or not, counted against the
 * endpoint or not): Cohere, for one, sends an oversized prompt as a plain 400.
 */
function routedAlike(read: ErrorCategory, sent: ErrorCategory): boolean {
  const a = CATEGORY_POLICY[read];
  const b = CATEGORY_POLICY[sent];
  return read === sent || (a.retryable === b.retryable && a.countsAsFailure === b.countsAsFailure);
}

function checkStreamErrors(adapter: AdapterConformanceOptions['adapter'], simulator: AdapterConformanceOptions['simulator'], problems: Problems): void {
  const opening = simulator.renderStream({ text: 'Hello there, how are you?' }, KIT_MODEL).slice(0, 2);
  for (const kind of Object.keys(ERROR_STATUS) as SimulatedErrorKind[]) {
    const signal = simulator.renderStreamError(kind, MESSAGE);
    if (signal === undefined) return;
    const decoded = attempt(() => decodeChunks(adapter.createStreamDecoder(), frameChunks([...opening, signal])));
    if (decoded.ok) problems.add(`in-stream ${kind} error: the decoder ended the stream cleanly`);
    else problems.expect(isFluxError(decoded.thrown), `in-stream ${kind} error: the decoder threw ${describeThrown(decoded.thrown)}`);
  }
}

/**
 * `fail(error)` ends a broken stream with the protocol's own error signal (the grammar sees the
 * stream end in an error), and the encoder writes nothing after it.
 */
export function checkStreamFailure(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const problems = new Problems(subject.adapter.name, 'stream failure');
  const opening: StreamEvent[] = [
    { type: 'start', id: 'kit-failed', model: KIT_MODEL },
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, text: 'Hello, ' },
  ];
  const written = attempt(() => {
    const encoder = subject.adapter.createStreamEncoder(kitContext(true));
    const wire = opening.map((event) => encoder.encode(event)).join('') + encoder.fail(new FluxError({ category: 'server', message: MESSAGE }));
    return { wire, after: encoder.encode({ type: 'text-delta', index: 0, text: 'more' }) + encoder.encode({ type: 'finish', finishReason: 'stop' }) };
  });
  if (!written.ok) problems.add(`the encoder threw ${describeThrown(written.thrown)}`);
  else {
    const grammar = subject.grammar(written.value.wire);
    problems.expect(grammar.endedWithError, "after fail() the stream does not end with the protocol's error signal");
    for (const error of grammar.errors) problems.add(`grammar: ${error}`);
    problems.expect(written.value.after === '', `after fail() the encoder still wrote ${JSON.stringify(written.value.after.slice(0, 120))}`);
  }
  problems.settle();
}
