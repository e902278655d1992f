import { ERROR_CATEGORIES, FluxError, type ErrorCategory } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import { cohere, cohereV1 } from '../index.js';

const headers = (map: Record<string, string> = {}) => ({ get: (name: string) => map[name] });

describe('Cohere errors (v1 and v2)', () => {
  const expectedStatus: Record<ErrorCategory, number> = {
    invalid_request: 400,
    authentication: 401,
    permission: 403,
    not_found: 404,
    request_too_large: 400,
    rate_limit: 429,
    overloaded: 503,
    server: 500,
    timeout: 504,
    network: 502,
    canceled: 499,
    no_endpoint: 503,
    upstream_protocol: 502,
  };

  it.each(ERROR_CATEGORIES)("formats %s as { message } with Cohere's status", (category) => {
    for (const adapter of [cohere, cohereV1]) {
      const formatted = adapter.formatError(new FluxError({ category, message: `went wrong: ${category}` }));
      expect(formatted.status).toBe(expectedStatus[category]);
      expect(formatted.body).toEqual({ message: `went wrong: ${category}` });
    }
  });

  it('tells the client when to retry a rate limit, in whole seconds', () => {
    const formatted = cohere.formatError(new FluxError({ category: 'rate_limit', message: 'slow down', retryAfterMs: 1500 }));
    expect(formatted.headers).toEqual({ 'retry-after': '2' });
  });

  it('never leaks a key in the message', () => {
    const formatted = cohere.formatError(new FluxError({ category: 'authentication', message: 'bad key Bearer co-abcdefghijklmnop' }));
    expect(JSON.stringify(formatted.body)).not.toContain('abcdefghijklmnop');
  });

  it.each([
    [400, '{"id":"x","message":"invalid request: messages must not be empty"}', 'invalid_request', 'invalid request: messages must not be empty'],
    [400, '{"message":"too many tokens: total number of tokens in the prompt cannot exceed 128000"}', 'request_too_large', undefined],
    [401, '{"message":"invalid api token"}', 'authentication', undefined],
    [498, '{"message":"invalid token"}', 'authentication', undefined],
    [403, '{"message":"forbidden"}', 'permission', undefined],
    [404, '{"message":"model \'x\' not found"}', 'not_found', undefined],
    [422, '{"message":"unprocessable"}', 'invalid_request', undefined],
    [429, '{"message":"You are using a Trial key, which is limited to 10 API calls / minute"}', 'rate_limit', undefined],
    [499, '{"message":"client closed request"}', 'canceled', undefined],
    [500, '{"message":"internal server error"}', 'server', undefined],
    [503, '{"message":"model is overloaded"}', 'overloaded', undefined],
    [504, '{"message":"gateway timeout"}', 'timeout', undefined],
    [502, '<html>Bad Gateway</html>', 'server', undefined],
  ])('reads HTTP %i %s as %s', (status, body, category, message) => {
    for (const adapter of [cohere, cohereV1]) {
      const error = adapter.parseError(status, body, headers({ 'retry-after': '3' }));
      expect(error.category).toBe(category);
      expect(error.upstreamStatus).toBe(status);
      if (message !== undefined) expect(error.message).toBe(message);
    }
  });

  it('describes the status instead of repeating an empty message', () => {
    for (const adapter of [cohere, cohereV1])
      expect(adapter.parseError(500, '{"message":""}', headers()).message).toBe('upstream answered HTTP 500: {"message":""}');
  });

  it('reads Retry-After on a 429', () => {
    expect(cohere.parseError(429, '{"message":"slow"}', headers({ 'retry-after': '3' })).retryAfterMs).toBe(3000);
  });

  it('keeps the raw body in the message when it is not JSON', () => {
    expect(cohere.parseError(502, 'Bad Gateway', headers()).message).toContain('Bad Gateway');
  });
});
