import { ERROR_CATEGORIES, FluxError, type ErrorCategory } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { openai } from './index.js';

const headers = (map: Record<string, string> = {}) => new Headers(map);

describe('formatError', () => {
  const statuses: Record<ErrorCategory, number> = {
    invalid_request: 400,
    authentication: 401,
    permission: 403,
    not_found: 404,
    request_too_large: 413,
    rate_limit: 429,
    overloaded: 503,
    server: 502,
    timeout: 504,
    network: 502,
    canceled: 499,
    no_endpoint: 503,
    upstream_protocol: 502,
  };
  it.each(ERROR_CATEGORIES.map((c) => [c]))('renders %s as an OpenAI error body with its status', (category) => {
    const formatted = openai.formatError(new FluxError({ category, message: `a ${category} error` }));
    expect(formatted.status).toBe(statuses[category]);
    expect(formatted.body).toMatchObject({ error: { message: `a ${category} error`, type: expect.any(String), param: null } });
    expect(Object.keys(formatted.body.error as object)).toEqual(['message', 'type', 'param', 'code']);
  });

  it('names the field of an invalid request and keeps the provider code', () => {
    const error = new FluxError({ category: 'invalid_request', message: 'messages: expected an array', param: 'messages', providerCode: 'missing_field' });
    expect(openai.formatError(error).body).toEqual({
      error: { message: 'messages: expected an array', type: 'invalid_request_error', param: 'messages', code: 'missing_field' },
    });
  });

  it('tells the client how long to wait', () => {
    const formatted = openai.formatError(new FluxError({ category: 'rate_limit', message: 'slow down', retryAfterMs: 1500 }));
    expect(formatted.headers).toEqual({ 'retry-after': '2', 'retry-after-ms': '1500' });
  });

  it('never leaks an API key in the message', () => {
    const formatted = openai.formatError(new FluxError({ category: 'authentication', message: 'bad key sk-abcdefghijklmnop1234' }));
    expect(JSON.stringify(formatted.body)).not.toContain('sk-abcdefghijklmnop1234');
  });
});

describe('parseError', () => {
  it('reads a 429 rate limit with its retry hint', () => {
    const error = openai.parseError(429, fixtureText('error-429-rate-limit.json'), headers({ 'retry-after': '2' }));
    expect(error).toMatchObject({ category: 'rate_limit', upstreamStatus: 429, retryAfterMs: 2000, providerCode: 'rate_limit_exceeded' });
    expect(error.message).toMatch(/^Rate limit reached/);
  });

  it('treats insufficient_quota as a key without permission (fail over, do not wait)', () => {
    const error = openai.parseError(429, fixtureText('error-429-quota.json'), headers());
    expect(error).toMatchObject({ category: 'permission', upstreamStatus: 429, providerCode: 'insufficient_quota' });
  });

  it('keeps the offending param of a 400', () => {
    const error = openai.parseError(400, fixtureText('error-400-param.json'), headers());
    expect(error).toMatchObject({ category: 'invalid_request', param: 'max_tokens', providerCode: 'unsupported_parameter' });
  });

  it.each([
    [401, '{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}', 'authentication'],
    [404, '{"error":{"message":"The model does not exist","type":"invalid_request_error","code":"model_not_found"}}', 'not_found'],
    [503, '{"error":{"message":"That model is currently overloaded with other requests.","type":"server_error"}}', 'overloaded'],
    [500, '{"error":{"message":"The server had an error","type":"server_error"}}', 'server'],
    [422, '{"object":"error","message":"Extra inputs are not permitted","type":"invalid_request_message_error","code":null}', 'invalid_request'],
    [400, '{"error":{"code":"1211","message":"模型不存在"}}', 'invalid_request'],
    [404, '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}', 'not_found'],
    [502, '<html>Bad Gateway</html>', 'server'],
  ] as const)('classifies HTTP %i from OpenAI and compatible services', (status, body, category) => {
    const error = openai.parseError(status, body, headers());
    expect(error.category).toBe(category);
    expect(error.upstreamStatus).toBe(status);
  });

  it.each(['{"error":""}', '{"error":{"message":"","type":"invalid_request_error"}}', '{"object":"error","message":""}'])(
    'describes the status instead of repeating an empty message (%s)',
    (body) => {
      expect(openai.parseError(400, body, headers())).toMatchObject({ category: 'invalid_request', message: `upstream answered HTTP 400: ${body}` });
    },
  );

  it('reads messages from compatible error shapes', () => {
    expect(openai.parseError(422, '{"object":"error","message":"Extra inputs are not permitted"}', headers()).message).toBe('Extra inputs are not permitted');
    expect(openai.parseError(400, '{"error":"bad request body"}', headers()).message).toBe('bad request body');
    expect(openai.parseError(400, '{"error":{"code":"1211","message":"模型不存在"}}', headers()).providerCode).toBe('1211');
  });
});
