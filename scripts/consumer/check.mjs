// ESM consumer: exercises the published packages' real behaviour through their `import` entry.
import assert from 'node:assert/strict';
import { checkFuzzedRequests, ConformanceFailure, irGrammarViolation, runAdapterConformance } from '@fluxcore/adapter-kit';
import { classifyHttp, FluxError, isFluxError } from '@fluxcore/errors';
import { SseDecoder, estimateTokens } from '@fluxcore/message';
import { Endpoint, EndpointPool, isPrivateIP } from '@fluxcore/routing';
import { toyProtocol as protocol } from './toy-protocol.cjs';

const error = classifyHttp(429, '{"error":"slow down"}', { 'retry-after': '2' });
assert.equal(error.category, 'rate_limit');
assert.equal(error.retryAfterMs, 2000);
assert.ok(isFluxError(error));

assert.equal(estimateTokens('Hello world!'), 4);
const events = new SseDecoder().push('data: a\r\ndata: b\r\n\r\n');
assert.deepEqual(
  events.map((e) => e.data),
  ['a\nb'],
);

const key = (baseURL) => ({ baseURL, apiKey: 'sk-consumer-check-0001', protocol });
const pool = new EndpointPool([
  new Endpoint({ id: 'dear', key: key('https://a.example'), inputPrice: 5, outputPrice: 15 }),
  new Endpoint({ id: 'cheap', key: key('https://b.example'), inputPrice: 0.1, outputPrice: 0.4 }),
]);
assert.equal(pool.select({ inputTokens: 100 })?.id, 'cheap');
assert.equal(isPrivateIP('0177.0.0.1'), true);

// The adapter kit: a parseRequest that refuses with invalid_request passes the fuzzed-request
// check, one that throws a TypeError fails it; runAdapterConformance registers one test per check.
const refuse = () => {
  throw new FluxError({ category: 'invalid_request', message: 'no' });
};
const simulator = {
  protocol: 'toy',
  streamContentType: 'text/event-stream',
  route: () => undefined,
  apiKeyOf: () => undefined,
  renderResponse: () => ({}),
  renderStream: () => [],
  renderError: () => ({}),
  renderStreamError: () => undefined,
};
const kitOptions = {
  adapter: { ...protocol, parseRequest: refuse, buildRequest: refuse },
  simulator,
  grammar: () => ({ errors: [], text: '', reasoning: '', toolCalls: [], endedWithError: false }),
  fuzz: { runs: 25 },
};
checkFuzzedRequests(kitOptions);
assert.throws(
  () => checkFuzzedRequests({ ...kitOptions, adapter: { ...kitOptions.adapter, parseRequest: (body) => body.messages.length } }),
  ConformanceFailure,
);
const tests = [];
runAdapterConformance({ ...kitOptions, describe: (_name, body) => body(), it: (name) => tests.push(name) });
assert.equal(tests.length, 10);
assert.match(irGrammarViolation([{ type: 'text-start', index: 0 }]), /must begin with start/);
console.log('esm consumer: ok');
