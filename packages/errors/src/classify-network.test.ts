import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCategory } from './category.js';
import { classifyNetworkError } from './classify-network.js';
import { FluxError } from './flux-error.js';

/** An error shaped the way node and undici shape theirs: a message, a name, a code. */
function coded(code: string, message = `${code} happened`, name = 'Error'): Error {
  const error = new Error(message) as Error & { code: string };
  error.code = code;
  error.name = name;
  return error;
}

/** Node 20's fetch wraps the transport error: `TypeError: fetch failed` with it as the cause. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

const codeRows: ReadonlyArray<readonly [string, ErrorCategory]> = [
  ['ENOTFOUND', 'network'],
  ['EAI_AGAIN', 'network'],
  ['EAI_NONAME', 'network'],
  ['ECONNREFUSED', 'network'],
  ['ECONNRESET', 'network'],
  ['ECONNABORTED', 'network'],
  ['EPIPE', 'network'],
  ['EHOSTUNREACH', 'network'],
  ['ENETUNREACH', 'network'],
  ['UND_ERR_SOCKET', 'network'],
  ['UND_ERR_CLOSED', 'network'],
  ['CERT_HAS_EXPIRED', 'network'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'network'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'network'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'network'],
  ['ETIMEDOUT', 'timeout'],
  ['ESOCKETTIMEDOUT', 'timeout'],
  ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
  ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
  ['UND_ERR_BODY_TIMEOUT', 'timeout'],
  ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'upstream_protocol'],
  ['UND_ERR_RES_EXCEEDED_MAX_SIZE', 'upstream_protocol'],
  ['HPE_INVALID_CONSTANT', 'upstream_protocol'],
];

describe('classifyNetworkError by error code', () => {
  it.each(codeRows)('%s is %s', (code, category) => {
    const error = classifyNetworkError(coded(code));
    expect(error.category).toBe(category);
    expect(error.countsAsFailure).toBe(true);
    expect(error.retryable).toBe(true);
  });

  it.each(codeRows)('%s is found as the cause of fetch failed', (code, category) => {
    expect(classifyNetworkError(fetchFailed(coded(code))).category).toBe(category);
  });

  it('finds a code inside an AggregateError (happy eyeballs tried several addresses)', () => {
    const aggregate = new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], '');
    expect(classifyNetworkError(fetchFailed(aggregate)).category).toBe('network');
    const timedOut = new AggregateError([coded('ETIMEDOUT')], '');
    expect(classifyNetworkError(timedOut).category).toBe('timeout');
  });

  it('keeps the original error as the cause and names the failure in the message', () => {
    const original = fetchFailed(coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'));
    const error = classifyNetworkError(original);
    expect(error.cause).toBe(original);
    expect(error.message).toBe('connection refused: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('calls an unrecognised failure a network error', () => {
    expect(classifyNetworkError(new Error('something odd')).category).toBe('network');
    expect(classifyNetworkError('a string was thrown').message).toBe('request to upstream failed: a string was thrown');
    expect(classifyNetworkError(undefined).message).toBe('request to upstream failed');
  });

  it('returns a FluxError unchanged', () => {
    const flux = new FluxError({ category: 'rate_limit', message: 'slow down' });
    expect(classifyNetworkError(flux)).toBe(flux);
  });

  it('survives a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyNetworkError(a).category).toBe('network');
  });
});

describe('classifyNetworkError for aborts', () => {
  const abortError = () => new DOMException('This operation was aborted', 'AbortError');
  const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

  it('is canceled, never counted, when the caller aborted', () => {
    const caller = new AbortController();
    caller.abort();
    const error = classifyNetworkError(abortError(), { callerSignal: caller.signal });
    expect(error.category).toBe('canceled');
    expect(error.countsAsFailure).toBe(false);
    expect(error.retryable).toBe(false);
  });

  it('is canceled when the caller aborted, whatever the transport reported', () => {
    const caller = new AbortController();
    caller.abort();
    expect(classifyNetworkError(fetchFailed(coded('ECONNRESET')), { callerSignal: caller.signal }).category).toBe('canceled');
  });

  it("is canceled when the caller's own deadline fired", () => {
    const caller = new AbortController();
    caller.abort(timeoutError());
    expect(classifyNetworkError(timeoutError(), { callerSignal: caller.signal }).category).toBe('canceled');
  });

  it('is a timeout when an AbortSignal.timeout reason surfaces and the caller did not abort', () => {
    const caller = new AbortController();
    expect(classifyNetworkError(timeoutError(), { callerSignal: caller.signal }).category).toBe('timeout');
    expect(classifyNetworkError(timeoutError()).category).toBe('timeout');
  });

  it('is a timeout when an AbortError wraps a TimeoutError', () => {
    const error = new DOMException('aborted', 'AbortError');
    Object.defineProperty(error, 'cause', { value: timeoutError() });
    expect(classifyNetworkError(error).category).toBe('timeout');
  });

  it('is a timeout when the caller signal is known and untouched (the abort was our deadline)', () => {
    const caller = new AbortController();
    expect(classifyNetworkError(abortError(), { callerSignal: caller.signal }).category).toBe('timeout');
    expect(classifyNetworkError(coded('UND_ERR_ABORTED', 'Request aborted', 'RequestAbortedError'), { callerSignal: caller.signal }).category).toBe('timeout');
  });

  it('is canceled when nothing tells who aborted', () => {
    expect(classifyNetworkError(abortError()).category).toBe('canceled');
    expect(classifyNetworkError(coded('ABORT_ERR', 'aborted', 'AbortError')).category).toBe('canceled');
  });
});

describe('classifyNetworkError with real sockets on 127.0.0.1', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async function failureOf(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => expect.unreachable('the request should fail'),
      (error: unknown) => error,
    );
  }

  it('a refused connection is a network error', async () => {
    const url = await listen(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const error = classifyNetworkError(await failureOf(fetch(url)));
    expect(error.category).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a socket destroyed before the answer is a network error', async () => {
    const url = await listen((req) => req.socket.destroy());
    expect(classifyNetworkError(await failureOf(fetch(url))).category).toBe('network');
  });

  it("the caller's abort is canceled", async () => {
    const url = await listen(() => {});
    const caller = new AbortController();
    const pending = fetch(url, { signal: caller.signal });
    caller.abort();
    expect(classifyNetworkError(await failureOf(pending), { callerSignal: caller.signal }).category).toBe('canceled');
  });

  it('a deadline abort is a timeout', async () => {
    const url = await listen(() => {});
    const caller = new AbortController();
    const deadline = new AbortController();
    const pending = fetch(url, { signal: AbortSignal.any([caller.signal, deadline.signal]) });
    deadline.abort(new DOMException('deadline', 'TimeoutError'));
    expect(classifyNetworkError(await failureOf(pending), { callerSignal: caller.signal }).category).toBe('timeout');
  });
});
