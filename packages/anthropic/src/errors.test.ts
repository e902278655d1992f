import { ERROR_CATEGORIES, FluxError, type ErrorCategory } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import { formatError, parseError } from './errors.js';

const headers = (map: Record<string, string> = {}) => new Headers(map);
const body = (type: string, message = 'msg') => JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_011' });

describe('formatError', () => {
  const expected: Record<ErrorCategory, [string, number]> = {
    invalid_request: ['invalid_request_error', 400],
    authentication: ['authentication_error', 401],
    permission: ['permission_error', 403],
    not_found: ['not_found_error', 404],
    request_too_large: ['request_too_large', 413],
    rate_limit: ['rate_limit_error', 429],
    overloaded: ['overloaded_error', 529],
    server: ['api_error', 502],
    timeout: ['timeout_error', 504],
    network: ['api_error', 502],
    canceled: ['api_error', 499],
    no_endpoint: ['overloaded_error', 503],
    upstream_protocol: ['api_error', 502],
  };

  it.each(ERROR_CATEGORIES.map((category) => [category, ...expected[category]] as const))('renders %s as %s with status %i', (category, type, status) => {
    const formatted = formatError(new FluxError({ category, message: `a ${category} problem` }));
    expect(formatted).toEqual({ status, body: { type: 'error', error: { type, message: `a ${category} problem` } } });
  });

  it('sends the retry hint as retry-after seconds', () => {
    const formatted = formatError(new FluxError({ category: 'rate_limit', message: 'slow', retryAfterMs: 1500 }));
    expect(formatted.headers).toEqual({ 'retry-after': '2' });
  });

  it('never leaks a key that appears in the message', () => {
    const formatted = formatError(new FluxError({ category: 'authentication', message: 'bad key sk-ant-api03-abcdefghijklmnop' }));
    expect(JSON.stringify(formatted)).not.toContain('abcdefghijklmnop');
  });
});

describe('parseError', () => {
  it.each([
    [400, 'invalid_request_error', 'invalid_request'],
    [401, 'authentication_error', 'authentication'],
    [402, 'billing_error', 'permission'],
    [403, 'permission_error', 'permission'],
    [404, 'not_found_error', 'not_found'],
    [413, 'request_too_large', 'request_too_large'],
    [429, 'rate_limit_error', 'rate_limit'],
    [500, 'api_error', 'server'],
    [504, 'timeout_error', 'timeout'],
    [529, 'overloaded_error', 'overloaded'],
    [500, 'overloaded_error', 'overloaded'],
    [400, 'rate_limit_error', 'rate_limit'],
  ] as const)('reads HTTP %i %s as %s', (status, type, category) => {
    const error = parseError(status, body(type, 'the provider said so'), headers());
    expect(error).toMatchObject({ category, upstreamStatus: status, providerCode: type, message: 'the provider said so' });
  });

  it('keeps the status policy of the refined category', () => {
    const error = parseError(400, body('rate_limit_error'), headers());
    expect(error).toMatchObject({ category: 'rate_limit', status: 429, retryable: true, countsAsFailure: true });
  });

  it('reads retry-after from the headers', () => {
    expect(parseError(429, body('rate_limit_error'), headers({ 'retry-after': '3' })).retryAfterMs).toBe(3000);
  });

  it.each(['constructor', 'hasOwnProperty', 'toString', '__proto__'])('classifies an error type named like an Object member (%s) by its status', (type) => {
    expect(parseError(503, body(type), headers())).toMatchObject({ category: 'overloaded', providerCode: type });
  });

  it('falls back to the status for an empty message', () => {
    expect(parseError(500, body('api_error', ''), headers()).message).toBe('upstream answered HTTP 500: ' + body('api_error', ''));
  });

  it('classifies a body that is not Anthropic JSON by its status', () => {
    expect(parseError(502, '<html>Bad Gateway</html>', headers())).toMatchObject({ category: 'server', upstreamStatus: 502 });
    expect(parseError(529, '', headers())).toMatchObject({ category: 'overloaded' });
  });
});
