import { closePool, request, requestStream } from '@fluxcore/call';
import type { Usage } from '@fluxcore/message';
import { isFluxError } from '@fluxcore/errors';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import { startUpstream, type ProtocolCase, type ProtocolName, type Upstream } from '@fluxcore/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownGap, refusal } from './cells.js';
import { clientRequest } from './client.js';
import { checkAnswer, expectedUpstreamCounts } from './expect-answer.js';
import { checkUpstreamBody } from './expect-request.js';
import { PAIRS, PROTOCOLS } from './protocols.js';
import { fromGrammar, readBody, type Counts, type WireAnswer } from './read-answer.js';
import { REQUESTS, isInexpressible } from './requests/all.js';
import { ANSWERS, SCENARIO_NAMES, type ScenarioName } from './scenarios.js';

/** One simulated provider per upstream protocol, and a pool with one endpoint on it. */
interface Provider {
  upstream: Upstream;
  pool: EndpointPool;
}

const providers = new Map<ProtocolName, Provider>();

beforeAll(async () => {
  for (const protocol of PROTOCOLS) {
    const apiKey = `sk-matrix-${protocol.name}`;
    const upstream = await startUpstream({ simulator: protocol.simulator, apiKey });
    const key = { baseURL: upstream.url, apiKey, protocol: protocol.adapter };
    const endpoint = new Endpoint({ id: protocol.name, key, model: 'upstream-model', inputPrice: 1, outputPrice: 2 });
    providers.set(protocol.name, { upstream, pool: new EndpointPool([endpoint], { retries: 0 }) });
  }
});

afterAll(async () => {
  await Promise.all(
    [...providers.values()].map(async ({ upstream, pool }) => {
      await closePool(pool);
      await upstream.close();
    }),
  );
});

/** fluxcore's usage in the matrix's count shape (zero details read as absent). */
function countsOfUsage(usage: Usage): Counts {
  const counts: Counts = { input: usage.inputTokens, output: usage.outputTokens };
  if (usage.cachedInputTokens) counts.cached = usage.cachedInputTokens;
  if (usage.cacheWriteTokens) counts.cacheWrite = usage.cacheWriteTokens;
  if (usage.reasoningTokens) counts.reasoning = usage.reasoningTokens;
  return counts;
}

/**
 * On the same-protocol fast path the upstream's frames may reach the client verbatim, flaws
 * included (the simulated Anthropic stream without usage is one Anthropic never sends):
 * fluxcore must add no grammar error of its own.
 */
function upstreamOwnErrors(inbound: ProtocolCase, outbound: ProtocolCase, scenario: ScenarioName): string[] {
  if (inbound !== outbound) return [];
  return inbound.validate(outbound.simulator.renderStream(ANSWERS[scenario], 'upstream-model').join('')).errors;
}

function providerOf(protocol: ProtocolCase): Provider {
  const provider = providers.get(protocol.name);
  if (provider === undefined) throw new Error(`no upstream for ${protocol.name}`);
  return provider;
}

/** One call through `request` or `requestStream`, checked on both sides of the wire. */
async function checkEndToEnd(inbound: ProtocolCase, outbound: ProtocolCase, scenario: ScenarioName, stream: boolean): Promise<void> {
  const { upstream, pool } = providerOf(outbound);
  const answer = ANSWERS[scenario];
  upstream.setScenario(answer);
  const client = clientRequest(inbound, scenario, stream);
  const callsBefore = upstream.calls.length;

  if (!isInexpressible(REQUESTS[inbound.name][scenario]) && refusal(scenario, inbound.name, outbound.name) !== undefined) {
    const call = stream
      ? requestStream(pool, client.body, inbound.adapter, { route: client.route })
      : request(pool, client.body, inbound.adapter, { route: client.route });
    const error: unknown = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isFluxError(error) && error.category === 'invalid_request', 'refused before any upstream call').toBe(true);
    expect(upstream.calls.length).toBe(callsBefore);
    return;
  }

  let read: WireAnswer;
  let wire: string;
  let usage: Usage;
  if (stream) {
    const result = await requestStream(pool, client.body, inbound.adapter, { route: client.route });
    wire = '';
    for await (const chunk of result) wire += chunk;
    const grammar = inbound.validate(wire);
    expect(
      grammar.errors.filter((error) => !upstreamOwnErrors(inbound, outbound, scenario).includes(error)),
      `${inbound.name} stream grammar`,
    ).toEqual([]);
    expect(grammar.endedWithError).toBe(false);
    read = fromGrammar(grammar);
    usage = await result.usage;
  } else {
    const result = await request(pool, client.body, inbound.adapter, { route: client.route });
    wire = JSON.stringify(result.body);
    read = readBody(inbound.name, result.body);
    usage = result.usage;
  }
  checkAnswer(read, wire, answer, inbound.name, outbound.name, stream, inbound === outbound);

  const reported = expectedUpstreamCounts(answer, outbound.name);
  expect(usage.isAccurate, 'usage is accurate exactly when the provider reported it').toBe(reported !== undefined);
  if (reported !== undefined) expect(countsOfUsage(usage), 'reported usage').toEqual(reported);
  else expect(usage.inputTokens, 'estimated input').toBeGreaterThan(0);
  expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens);

  const calls = upstream.calls.slice(callsBefore);
  expect(calls, 'one upstream call').toHaveLength(1);
  const sent = calls[0]!;
  expect(sent.stream).toBe(stream);
  if (!isInexpressible(REQUESTS[inbound.name][scenario])) {
    checkUpstreamBody(inbound, outbound, client.parsed, sent.rawBody, { stream, model: outbound.simulator.route(sent)?.model });
  }
}

describe.each(PAIRS.map(([i, o]) => [`${i.name} client, ${o.name} upstream`, i, o] as const))('over HTTP: %s', (_pair, inbound, outbound) => {
  describe.each(SCENARIO_NAMES)('%s', (scenario) => {
    it.each([false, true])('stream %s: request/requestStream carry the scenario both ways', async (stream) => {
      const gap = knownGap(scenario, inbound.name, outbound.name, 'response', stream) ?? knownGap(scenario, inbound.name, outbound.name, 'request', stream);
      if (gap === undefined) return checkEndToEnd(inbound, outbound, scenario, stream);
      await expect(checkEndToEnd(inbound, outbound, scenario, stream), `known gap: ${gap.reason}`).rejects.toThrow(gap.failsWith);
    });
  });
});
