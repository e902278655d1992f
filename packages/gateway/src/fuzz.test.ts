import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_ROUTES, mutate, mutations, protocolErrorMessage, send, type Answer, type FuzzRoute } from '../test/fuzz-inputs.js';
import { GATEWAY_KEY, startHarness, type Harness } from '../test/harness.js';

/**
 * Runs per property and route: about 3,900 requests, 7 s on an idle 2-core machine and under
 * 30 s on a busy one. `FUZZ_RUNS=1000` (32,000 requests, about 45 s) for a longer hunt.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const UPSTREAMS = ['openai', 'anthropic', 'gemini', 'cohere', 'cohere-v1'];
/** Client-facing models: the pool of all five upstreams, and each upstream alone (so every conversion runs). */
const MODELS = ['test-model', ...UPSTREAMS.map((protocol) => `up-${protocol}`)];
const AUTH = { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json' };
/** What an answer that is our own bug says (the gateway's and call's catch-alls). */
const INTERNAL = /^internal (gateway )?error/;
/** Each property's bound, shrinking included (a failure shrinks through many more requests). */
const PROPERTY_TIMEOUT = 60_000;

let h: Harness;
let requests = 0;

beforeAll(async () => {
  h = await startHarness(Object.fromEntries(UPSTREAMS.map((protocol, i) => [`up-${protocol}`, { protocol, inputPrice: 1 + i, outputPrice: 1 + i }])), {
    auth: { keys: [GATEWAY_KEY] },
    limits: { maxBodyBytes: 1024 * 1024 },
  });
});

afterAll(async () => {
  await h.close();
  console.log(`[gateway fuzz] ${requests} requests (${RUNS} runs per property and route), none answered 5xx by our own code`);
});

function upstreamCalls(): number {
  return Object.values(h.upstreams).reduce((sum, upstream) => sum + upstream.calls.length, 0);
}

/**
 * Send one request and check the gateway's answer: a success, or an error in the caller's
 * protocol; 5xx only when an upstream was called (the simulators answer every valid call, so a
 * 5xx means an upstream failed, never that the gateway did), and never the catch-all message.
 * `nodeMayRefuse`: Node's own HTTP parser may answer 4xx with no body (431 for huge headers).
 * `alsoOpenai`: paths that are not the route's own (unknown ones, `GET /v1/models/{id}`) answer the OpenAI way.
 */
async function check(
  route: Pick<FuzzRoute, 'name' | 'protocol'>,
  path: string,
  options: Parameters<typeof send>[2],
  nodeMayRefuse = false,
  alsoOpenai = false,
): Promise<Answer> {
  requests += 1;
  const before = upstreamCalls();
  const answer = await send(h.url, path, options);
  const where = `${route.name} ${options.method ?? 'POST'} ${path.slice(0, 120)} -> ${answer.status} ${answer.body.slice(0, 300)}`;
  if (answer.transportError !== undefined) {
    expect(nodeMayRefuse, `${where}: connection broke (${answer.transportError})`).toBe(true);
    return answer;
  }
  if (answer.status >= 200 && answer.status < 300) return answer;
  if (nodeMayRefuse && answer.status < 500 && answer.body === '') return answer;
  const message = protocolErrorMessage(route.protocol, answer.body) ?? (alsoOpenai ? protocolErrorMessage('openai', answer.body) : undefined);
  expect(message, `${where}: not a ${route.protocol} error body`).toBeTypeOf('string');
  expect(message, where).not.toMatch(INTERNAL);
  expect(answer.status, where).toBeGreaterThanOrEqual(400);
  if (answer.status >= 500) expect(upstreamCalls() - before, `${where}: a 5xx without any upstream call`).toBeGreaterThan(0);
  return answer;
}

const model = fc.constantFrom(...MODELS);

describe.each(FUZZ_ROUTES)('$name route', (route) => {
  const bodyPath = (m: string) => route.path(m);

  it('serves the unmutated request (the mutations start from a valid one)', async () => {
    for (const m of MODELS) {
      for (const stream of route.streamInBody ? [false, true] : [false]) {
        const answer = await check(route, bodyPath(m), { headers: AUTH, body: JSON.stringify(route.valid(m, stream)) });
        expect(answer.status, `${m} ${answer.body.slice(0, 300)}`).toBe(200);
      }
    }
  });

  it(
    'answers random bytes with a 4xx in its protocol',
    async () => {
      await fc.assert(
        fc.asyncProperty(model, fc.uint8Array({ maxLength: 1_024 }), async (m, bytes) => {
          const answer = await check(route, bodyPath(m), { headers: AUTH, body: bytes });
          expect(answer.status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'answers random JSON with a 4xx in its protocol, or serves it',
    async () => {
      const json = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        // An object naming a served model, so that it reaches the adapter's parser.
        fc
          .tuple(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), model)
          .map(([object, m]) => ({ ...object, model: m })),
      );
      await fc.assert(
        fc.asyncProperty(model, json, async (m, body) => {
          await check(route, bodyPath(m), { headers: AUTH, body: JSON.stringify(body) ?? 'undefined' });
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'answers a valid request mutated field by field (dropped, retyped, null, huge, deeply nested) without a 5xx of its own',
    async () => {
      await fc.assert(
        fc.asyncProperty(model, fc.boolean(), mutations, async (m, stream, changes) => {
          await check(route, bodyPath(m), { headers: AUTH, body: mutate(route.valid(m, stream), changes) });
        }),
        { numRuns: RUNS * 2 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'answers odd headers (content types, duplicated or malformed auth, huge values) with a 4xx or serves the request',
    async () => {
      const contentType = fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        '',
        '*/*',
        'application/json, application/json',
      );
      const auth = fc.constantFrom<Record<string, string | string[]>>(
        { authorization: [`Bearer ${GATEWAY_KEY}`, 'Bearer wrong'] },
        { authorization: ['Bearer wrong', `Bearer ${GATEWAY_KEY}`] },
        { 'x-api-key': [GATEWAY_KEY, GATEWAY_KEY] },
        { 'x-api-key': ['wrong', GATEWAY_KEY] },
        { authorization: 'Bearer wrong', 'x-api-key': GATEWAY_KEY, 'x-goog-api-key': GATEWAY_KEY },
        { authorization: 'Bearer' },
        { authorization: 'Bearer ' },
        { authorization: `Basic ${GATEWAY_KEY}` },
        { authorization: `bearer   ${GATEWAY_KEY}   ` },
        { authorization: `Bearer ${'k'.repeat(12_000)}` },
        { authorization: `Bearer ${GATEWAY_KEY}` },
      );
      const junk = fc.option(
        fc.tuple(fc.constantFrom('x-junk', 'anthropic-version', 'content-encoding', 'accept', 'x-goog-api-client'), fc.integer({ min: 0, max: 20_000 })),
        { nil: undefined },
      );
      await fc.assert(
        fc.asyncProperty(model, contentType, auth, junk, fc.boolean(), async (m, type, authHeaders, extra, stream) => {
          const headers = { 'content-type': type, ...authHeaders, ...(extra && { [extra[0]]: 'v'.repeat(extra[1]) }) };
          await check(route, bodyPath(m), { headers, body: JSON.stringify(route.valid(m, stream)) }, true);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('Gemini model paths', () => {
  const gemini = { name: 'Gemini path', protocol: 'gemini' };
  const body = JSON.stringify(FUZZ_ROUTES.find((r) => r.protocol === 'gemini')!.valid('', false));
  /** Characters a request target may carry as they are, `%` included (so invalid escapes are sent). */
  const pathChar = fc.constantFrom(..."%%%%0123456789abcdefABCDEFxyz-._~:@!$&'()*+,;=/".split(''), '%E0%A4', '%C3', '%FF', '%25', '%3A', '%2F');

  it(
    'answers any model path, including invalid percent-encoding, with a 4xx or an answer',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathChar, { maxLength: 24 }),
          fc.constantFrom(':generateContent', ':streamGenerateContent?alt=sse', ':countTokens', ''),
          fc.constantFrom('/v1beta/models/', '/v1/models/'),
          async (chars, action, prefix) => {
            const path = `${prefix}${chars.join('')}${action}`;
            // Only `/v1/models/…` paths may answer the OpenAI way (`GET /v1/models/{id}` is OpenAI's model lookup).
            await check(
              gemini,
              path,
              { headers: { 'x-goog-api-key': GATEWAY_KEY, 'content-type': 'application/json' }, body },
              false,
              prefix === '/v1/models/',
            );
          },
        ),
        { numRuns: RUNS * 2 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
