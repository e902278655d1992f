import { ERROR_CATEGORIES, FluxError } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { gemini } from './adapter.js';

const noHeaders = new Headers();

describe('gemini.formatError', () => {
  it.each([
    ['invalid_request', 400, 'INVALID_ARGUMENT'],
    ['authentication', 401, 'UNAUTHENTICATED'],
    ['permission', 403, 'PERMISSION_DENIED'],
    ['not_found', 404, 'NOT_FOUND'],
    ['request_too_large', 413, 'INVALID_ARGUMENT'],
    ['rate_limit', 429, 'RESOURCE_EXHAUSTED'],
    ['overloaded', 503, 'UNAVAILABLE'],
    ['server', 502, 'INTERNAL'],
    ['timeout', 504, 'DEADLINE_EXCEEDED'],
    ['network', 502, 'UNAVAILABLE'],
    ['canceled', 499, 'CANCELLED'],
    ['no_endpoint', 503, 'UNAVAILABLE'],
    ['upstream_protocol', 502, 'INTERNAL'],
  ] as const)('renders %s as HTTP %i with status %s', (category, status, name) => {
    const formatted = gemini.formatError(new FluxError({ category, message: 'went wrong' }));
    expect(formatted.status).toBe(status);
    expect(formatted.body).toEqual({ error: { code: status, message: 'went wrong', status: name } });
  });

  it('covers every category', () => {
    for (const category of ERROR_CATEGORIES) expect(gemini.formatError(new FluxError({ category, message: 'x' })).status).toBeGreaterThanOrEqual(400);
  });

  it('adds RetryInfo and retry-after for a rate limit with a delay, and the field for a bad request', () => {
    const limited = gemini.formatError(new FluxError({ category: 'rate_limit', message: 'slow down', retryAfterMs: 12_300 }));
    expect(limited.headers).toEqual({ 'retry-after': '13' });
    expect(limited.body).toMatchObject({ error: { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '13s' }] } });
    const invalid = gemini.formatError(new FluxError({ category: 'invalid_request', message: 'contents: expected an array', param: 'contents' }));
    expect(invalid.body).toMatchObject({ error: { details: [{ fieldViolations: [{ field: 'contents' }] }] } });
  });

  it('never shows an API key in the message', () => {
    const formatted = gemini.formatError(new FluxError({ category: 'authentication', message: 'bad key AIzaSyA1234567890abcdefghijklmnopqr' }));
    expect(JSON.stringify(formatted.body)).not.toContain('AIzaSyA1234567890');
  });
});

describe('gemini.parseError', () => {
  it('reads RESOURCE_EXHAUSTED as a rate limit with the RetryInfo delay', () => {
    const error = gemini.parseError(429, fixtureText('error-429.json'), noHeaders);
    expect(error).toMatchObject({
      category: 'rate_limit',
      upstreamStatus: 429,
      retryAfterMs: 12_500,
      providerCode: 'RESOURCE_EXHAUSTED',
      message: 'Quota exceeded for generate requests per minute.',
    });
  });

  it('prefers a retry-after header over RetryInfo', () => {
    expect(gemini.parseError(429, fixtureText('error-429.json'), new Headers({ 'retry-after': '2' })).retryAfterMs).toBe(2000);
  });

  it('reads a 400 API_KEY_INVALID as a bad key', () => {
    expect(gemini.parseError(400, fixtureText('error-api-key.json'), noHeaders)).toMatchObject({ category: 'authentication', countsAsFailure: true });
  });

  it.each([
    [400, 'INVALID_ARGUMENT', 'invalid_request'],
    [400, 'FAILED_PRECONDITION', 'permission'],
    [403, 'PERMISSION_DENIED', 'permission'],
    [404, 'NOT_FOUND', 'not_found'],
    [500, 'INTERNAL', 'server'],
    [503, 'UNAVAILABLE', 'overloaded'],
    [504, 'DEADLINE_EXCEEDED', 'timeout'],
  ])('classifies HTTP %i %s as %s', (status, name, category) => {
    const error = gemini.parseError(status, JSON.stringify({ error: { code: status, message: `msg ${name}`, status: name } }), noHeaders);
    expect(error).toMatchObject({ category, upstreamStatus: status, providerCode: name, message: `msg ${name}` });
  });

  it('classifies an error body nested too deeply to serialise instead of crashing', () => {
    const deep = '{"d":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const body = `{"error":{"code":503,"message":"busy","status":"UNAVAILABLE","details":${deep}}}`;
    const error = gemini.parseError(503, body, new Headers());
    expect(error.category).toBe('overloaded');
    expect(error.message).toBe('busy');
  });

  it('reads the array form of the non-SSE stream endpoint', () => {
    expect(gemini.parseError(503, JSON.stringify([{ error: { code: 503, message: 'busy', status: 'UNAVAILABLE' } }]), noHeaders).category).toBe('overloaded');
  });

  it('classifies a non-JSON body by its status', () => {
    expect(gemini.parseError(502, '<html>Bad Gateway</html>', noHeaders)).toMatchObject({ category: 'server', upstreamStatus: 502 });
  });
});
