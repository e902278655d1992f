import { FluxError } from '@fluxcore/errors';
import type { IncomingMessage } from 'node:http';

/**
 * Read a request body, refusing it as soon as it passes `limit` bytes: a declared
 * `content-length` over the limit is refused before a byte is read, and a chunked body is
 * refused the moment it crosses the limit, so an oversized upload never sits in memory.
 * Rejects with FluxError `request_too_large`, or `canceled` when the client goes away.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', (cause) => reject(new FluxError({ category: 'canceled', message: 'the client went away while sending the request', cause })));
  });
}

function tooLarge(limit: number): FluxError {
  return new FluxError({ category: 'request_too_large', message: `request body is larger than the gateway's limit of ${limit} bytes` });
}
