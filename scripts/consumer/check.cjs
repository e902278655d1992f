// CommonJS consumer: the same behaviour through the `require` entry.
const assert = require('node:assert/strict');
const { CONFORMANCE_CHECKS, DEFAULT_SCENARIOS, irGrammarViolation } = require('@fluxcore/adapter-kit');
const { FluxError, classifyHttp } = require('@fluxcore/errors');
const { NdjsonDecoder, estimateTokens } = require('@fluxcore/message');
const { Endpoint, EndpointPool, isPrivateIP } = require('@fluxcore/routing');
const { toyProtocol: protocol } = require('./toy-protocol.cjs');

assert.equal(classifyHttp(529, '{"type":"error","error":{"type":"overloaded_error"}}').category, 'overloaded');
assert.ok(new FluxError({ category: 'timeout', message: 'slow' }).retryable);
assert.equal(estimateTokens('你好世界'), 3);
assert.deepEqual(new NdjsonDecoder().push('{"a":1}\n{"b"'), ['{"a":1}']);

const endpoint = new Endpoint({ id: 1, key: { baseURL: 'https://a.example', apiKey: 'sk-consumer-check-0002', protocol }, breaker: { threshold: 1 } });
const pool = new EndpointPool([endpoint], { retries: 0 });
endpoint.markFail(classifyHttp(500));
assert.equal(endpoint.isCircuitBreakerOpen(), true);
assert.equal(pool.select({ inputTokens: 1 }), undefined);
assert.equal(isPrivateIP('8.8.8.8'), false);
// The adapter kit loads from CommonJS too (it imports no test runner).
assert.equal(CONFORMANCE_CHECKS.length, 10);
assert.ok(DEFAULT_SCENARIOS.text.text.length > 0);
assert.equal(irGrammarViolation([{ type: 'start' }, { type: 'finish', finishReason: 'stop' }]), undefined);
console.log('cjs consumer: ok');
