import type { IncomingMessage } from 'node:http';
import { FluxError } from '@fluxcore/errors';
import type { JsonObject } from '@fluxcore/message';

/** Largest request body the server reads. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Read a request body as a JSON object. Too large, not JSON, or not an object: a FluxError
 * that the OpenAI adapter renders as the 413 or 400 an OpenAI client expects.
 */
export async function readJson(req: IncomingMessage): Promise<JsonObject> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FluxError({ category: 'request_too_large', message: `request body exceeds ${MAX_BODY_BYTES} bytes` });
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (cause) {
    throw new FluxError({ category: 'invalid_request', message: 'the request body is not valid JSON', cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FluxError({ category: 'invalid_request', message: 'the request body must be a JSON object' });
  }
  return body as JsonObject;
}
