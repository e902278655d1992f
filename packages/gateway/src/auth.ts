import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Checks the gateway key a caller presents. Keys are compared as SHA-256 digests with
 * `timingSafeEqual`, so neither the content nor the length of a configured key leaks through
 * response timing.
 */
export class GatewayAuth {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  /** Whether the presented key is one of the configured ones. */
  accepts(presented: string | undefined): boolean {
    if (presented === undefined || presented === '') return false;
    const candidate = digest(presented);
    let match = false;
    for (const known of this.digests) match = timingSafeEqual(candidate, known) || match;
    return match;
  }
}

/**
 * The key a caller sent, the way its official SDK sends it: `Authorization: Bearer` (OpenAI,
 * Anthropic 1.x, Cohere), `x-api-key` (Anthropic 0.x), `x-goog-api-key` (Gemini), or, where the
 * route allows it, Gemini's `?key=` query parameter.
 */
export function presentedKey(headers: IncomingHttpHeaders, query: string, allowQueryKey: boolean): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    return authorization.slice(7).trim();
  }
  const apiKey = headers['x-api-key'] ?? headers['x-goog-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  if (allowQueryKey && query !== '') return new URLSearchParams(query).get('key') ?? undefined;
  return undefined;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
