import { describe, expect, it } from 'vitest';
import type { ErrorCategory } from './category.js';
import { classifyHttp } from './classify-http.js';
import { isFluxError } from './flux-error.js';

interface Row {
  readonly name: string;
  readonly status: number;
  readonly body?: string;
  readonly category: ErrorCategory;
  readonly answer: number;
  readonly retryable: boolean;
  readonly countsAsFailure: boolean;
  readonly providerCode?: string;
}

const openai = (type: string, code: string | null, message: string) => JSON.stringify({ error: { message, type, param: null, code } });
const anthropic = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_011' });
const gemini = (code: number, status: string, message: string, details: unknown[] = []) => JSON.stringify({ error: { code, message, status, details } });

const rows: readonly Row[] = [
  {
    name: '400 invalid request',
    status: 400,
    body: openai('invalid_request_error', 'unsupported_parameter', 'bad param'),
    category: 'invalid_request',
    answer: 400,
    retryable: false,
    countsAsFailure: false,
    providerCode: 'unsupported_parameter',
  },
  {
    name: '400 Gemini API_KEY_INVALID is a bad key',
    status: 400,
    body: gemini(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
    ]),
    category: 'authentication',
    answer: 401,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'INVALID_ARGUMENT',
  },
  {
    name: '400 Gemini FAILED_PRECONDITION is a key that cannot serve',
    status: 400,
    body: gemini(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.'),
    category: 'permission',
    answer: 403,
    retryable: true,
    countsAsFailure: true,
  },
  {
    name: '401 bad key',
    status: 401,
    body: anthropic('authentication_error', 'invalid x-api-key'),
    category: 'authentication',
    answer: 401,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'authentication_error',
  },
  {
    name: '402 billing keeps its status',
    status: 402,
    body: anthropic('billing_error', 'Your credit balance is too low'),
    category: 'permission',
    answer: 402,
    retryable: true,
    countsAsFailure: true,
  },
  {
    name: '403 permission',
    status: 403,
    body: gemini(403, 'PERMISSION_DENIED', 'denied'),
    category: 'permission',
    answer: 403,
    retryable: true,
    countsAsFailure: true,
  },
  {
    name: '404 model not found',
    status: 404,
    body: openai('invalid_request_error', 'model_not_found', 'no such model'),
    category: 'not_found',
    answer: 404,
    retryable: false,
    countsAsFailure: false,
  },
  { name: '405 other 4xx is the caller', status: 405, category: 'invalid_request', answer: 400, retryable: false, countsAsFailure: false },
  { name: '408 request timeout', status: 408, category: 'timeout', answer: 504, retryable: true, countsAsFailure: true },
  {
    name: '409 conflict is retried but not blamed',
    status: 409,
    body: openai('conflict', null, 'lock timeout'),
    category: 'server',
    answer: 502,
    retryable: true,
    countsAsFailure: false,
  },
  {
    name: '413 too large',
    status: 413,
    body: anthropic('request_too_large', 'Request exceeds the maximum size'),
    category: 'request_too_large',
    answer: 413,
    retryable: false,
    countsAsFailure: false,
  },
  {
    name: '422 unprocessable',
    status: 422,
    body: JSON.stringify({ message: 'invalid request: bad tool' }),
    category: 'invalid_request',
    answer: 400,
    retryable: false,
    countsAsFailure: false,
  },
  {
    name: '429 rate limit',
    status: 429,
    body: openai('tokens', 'rate_limit_exceeded', 'Rate limit reached'),
    category: 'rate_limit',
    answer: 429,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'rate_limit_exceeded',
  },
  {
    name: '429 insufficient_quota opens the breaker and keeps 429',
    status: 429,
    body: openai('insufficient_quota', 'insufficient_quota', 'You exceeded your current quota'),
    category: 'permission',
    answer: 429,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'insufficient_quota',
  },
  {
    name: '429 Gemini RESOURCE_EXHAUSTED',
    status: 429,
    body: gemini(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan.'),
    category: 'rate_limit',
    answer: 429,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'RESOURCE_EXHAUSTED',
  },
  { name: '498 Cohere invalid token', status: 498, category: 'authentication', answer: 401, retryable: true, countsAsFailure: true },
  {
    name: '500 server',
    status: 500,
    body: anthropic('api_error', 'Internal server error'),
    category: 'server',
    answer: 502,
    retryable: true,
    countsAsFailure: true,
  },
  {
    name: '500 with an overloaded body',
    status: 500,
    body: openai('server_error', null, 'The server is overloaded, please retry'),
    category: 'overloaded',
    answer: 503,
    retryable: true,
    countsAsFailure: true,
  },
  { name: '501 other 5xx is the server', status: 501, category: 'server', answer: 502, retryable: true, countsAsFailure: true },
  {
    name: '502 bad gateway with an HTML body',
    status: 502,
    body: '<html><body>Bad Gateway</body></html>',
    category: 'server',
    answer: 502,
    retryable: true,
    countsAsFailure: true,
  },
  { name: '503 unavailable', status: 503, category: 'overloaded', answer: 503, retryable: true, countsAsFailure: true },
  {
    name: '503 Gemini UNAVAILABLE model is overloaded',
    status: 503,
    body: gemini(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
    category: 'overloaded',
    answer: 503,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'UNAVAILABLE',
  },
  {
    name: '503 OpenAI engine overloaded',
    status: 503,
    body: openai('server_error', null, 'That model is currently overloaded with other requests.'),
    category: 'overloaded',
    answer: 503,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'server_error',
  },
  {
    name: '504 gateway timeout',
    status: 504,
    body: anthropic('timeout_error', 'Request timed out'),
    category: 'timeout',
    answer: 504,
    retryable: true,
    countsAsFailure: true,
  },
  {
    name: '500 Gemini DEADLINE_EXCEEDED',
    status: 500,
    body: gemini(500, 'DEADLINE_EXCEEDED', 'Deadline exceeded'),
    category: 'timeout',
    answer: 504,
    retryable: true,
    countsAsFailure: true,
  },
  {
    name: '529 Anthropic overloaded_error',
    status: 529,
    body: anthropic('overloaded_error', 'Overloaded'),
    category: 'overloaded',
    answer: 503,
    retryable: true,
    countsAsFailure: true,
    providerCode: 'overloaded_error',
  },
  { name: '302 redirect is unreadable', status: 302, category: 'upstream_protocol', answer: 502, retryable: true, countsAsFailure: true },
  {
    name: '200 passed as an error is unreadable',
    status: 200,
    body: 'not json',
    category: 'upstream_protocol',
    answer: 502,
    retryable: true,
    countsAsFailure: true,
  },
];

describe('classifyHttp', () => {
  it.each(rows)('$name', (row) => {
    const error = classifyHttp(row.status, row.body);
    expect(isFluxError(error)).toBe(true);
    expect({
      category: error.category,
      status: error.status,
      retryable: error.retryable,
      countsAsFailure: error.countsAsFailure,
      upstreamStatus: error.upstreamStatus,
    }).toEqual({ category: row.category, status: row.answer, retryable: row.retryable, countsAsFailure: row.countsAsFailure, upstreamStatus: row.status });
    if (row.providerCode !== undefined) expect(error.providerCode).toBe(row.providerCode);
  });

  it('uses the details an adapter extracted over its own reading of the body', () => {
    const error = classifyHttp(529, 'garbage', undefined, { message: 'Overloaded', providerCode: 'overloaded_error' });
    expect(error.message).toBe('Overloaded');
    expect(error.providerCode).toBe('overloaded_error');
    expect(error.category).toBe('overloaded');
  });

  it('lets the adapter-given provider code refine the category', () => {
    expect(classifyHttp(429, undefined, undefined, { providerCode: 'insufficient_quota' }).category).toBe('permission');
  });

  it('takes the provider message from the known body shapes', () => {
    expect(classifyHttp(400, openai('invalid_request_error', null, 'openai says')).message).toBe('openai says');
    expect(classifyHttp(400, anthropic('invalid_request_error', 'anthropic says')).message).toBe('anthropic says');
    expect(classifyHttp(400, gemini(400, 'INVALID_ARGUMENT', 'gemini says')).message).toBe('gemini says');
    expect(classifyHttp(400, JSON.stringify({ id: 'x', message: 'cohere says' })).message).toBe('cohere says');
    expect(classifyHttp(400, JSON.stringify({ error: 'plain string error' })).message).toBe('plain string error');
    expect(classifyHttp(400, JSON.stringify([{ error: { message: 'first of a list' } }])).message).toBe('first of a list');
  });

  it('falls back to the status and a bounded, single-line snippet of an unreadable body', () => {
    const error = classifyHttp(502, `<html>\n  <h1>Bad   Gateway</h1>${'x'.repeat(1000)}</html>`);
    expect(error.message.startsWith('upstream answered HTTP 502: <html> <h1>Bad Gateway</h1>')).toBe(true);
    expect(error.message.length).toBeLessThan(350);
    expect(classifyHttp(500).message).toBe('upstream answered HTTP 500');
    expect(classifyHttp(500, '{"error": truncated').message).toBe('upstream answered HTTP 500: {"error": truncated');
  });

  it.each(['{"error":""}', '{"error":{"message":""}}', '{"message":""}', '{"error":"","message":""}'])(
    'describes the status instead of repeating an empty message (%s)',
    (body) => {
      expect(classifyHttp(400, body).message).toBe(`upstream answered HTTP 400: ${body}`);
    },
  );

  it('reads the wait from retry-after headers', () => {
    expect(classifyHttp(429, undefined, { 'retry-after': '7' }).retryAfterMs).toBe(7000);
    expect(classifyHttp(429, undefined, new Headers({ 'retry-after-ms': '250' })).retryAfterMs).toBe(250);
    expect(classifyHttp(429).retryAfterMs).toBeUndefined();
  });

  it('reads the wait from Gemini RetryInfo when no header gives one', () => {
    const body = gemini(429, 'RESOURCE_EXHAUSTED', 'quota', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' }]);
    expect(classifyHttp(429, body).retryAfterMs).toBe(34_400);
    expect(classifyHttp(429, body, { 'retry-after': '2' }).retryAfterMs).toBe(2000);
  });
});
