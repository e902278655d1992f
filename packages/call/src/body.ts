import { FluxError } from '@fluxcore/errors';
import { finished, type Readable } from 'node:stream';
import type { AttemptScope } from './scope.js';

/** How much of an error body we read: enough for any provider's message, never megabytes. */
export const ERROR_BODY_LIMIT = 64 * 1024;

/** A response body as undici hands it over: chunks to iterate, destroyable. */
export interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * The body's chunks, one at a time, with the idle deadline armed while waiting for each. Pulls
 * only when asked, so a slow consumer leaves data in the socket (TCP backpressure).
 */
export async function* chunksOf(body: BodyStream, scope: AttemptScope, idleMs: number): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  for (;;) {
    scope.armIdle(idleMs);
    const askedAt = performance.now();
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } finally {
      scope.pauseIdle();
      scope.waited(askedAt);
    }
    if (next.done === true) return;
    yield next.value;
  }
}

/**
 * Read a whole body, failing (and dropping the connection) once it grows past `limit` bytes.
 * Listens to the stream's events rather than iterating it: an async iterator and a generator
 * per answer cost more than the read itself for a small body. The idle deadline runs from the
 * start, restarted by every chunk.
 */
export function readCapped(body: Readable, scope: AttemptScope, idleMs: number, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    let waitingSince = performance.now();
    const onData = (chunk: Uint8Array): void => {
      size += chunk.byteLength;
      if (size > limit) {
        stopWaiting();
        body.off('data', onData);
        body.destroy();
        reject(tooLarge(limit));
        return;
      }
      parts.push(chunk);
      scope.waited(waitingSince);
      waitingSince = performance.now();
      scope.armIdle(idleMs);
    };
    const stopWaiting = (): void => {
      scope.disarm();
      scope.waited(waitingSince);
    };
    scope.armIdle(idleMs);
    body.on('data', onData);
    // `finished` also settles for a stream that ended or failed before this call, and reports
    // a close without an end as ERR_STREAM_PREMATURE_CLOSE, as iterating it would have.
    finished(body, (error) => {
      if (size > limit) return;
      stopWaiting();
      if (error) reject(error);
      else resolve(Buffer.concat(parts, size));
    });
  });
}

/**
 * Read at most {@link ERROR_BODY_LIMIT} bytes of an error body as text, cut on a UTF-8
 * character boundary. A body that fails to arrive gives what was read so far: the status alone
 * still classifies the error.
 */
export async function readErrorText(body: BodyStream, scope: AttemptScope, idleMs: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of chunksOf(body, scope, idleMs)) {
      parts.push(chunk);
      size += chunk.byteLength;
      if (size >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // The status is what matters; a broken error body only loses the provider's message.
  } finally {
    body.destroy();
  }
  return utf8Prefix(Buffer.concat(parts, size), ERROR_BODY_LIMIT);
}

/** The longest prefix of `bytes` of at most `limit` bytes that does not split a character. */
export function utf8Prefix(bytes: Buffer, limit: number): string {
  if (bytes.length <= limit) return bytes.toString('utf8');
  let end = limit;
  // Step back over continuation bytes (10xxxxxx) to the start of the character at `limit`.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** The upstream answer outgrew the cap. */
export function tooLarge(limit: number): FluxError {
  return new FluxError({ category: 'upstream_protocol', message: `upstream response exceeded the ${limit}-byte limit` });
}
