import { digestRequest } from '@fluxcore/adapter-kit';
import { isFluxError } from '@fluxcore/errors';
import type { ChatRequest, JsonObject, UpstreamRequest } from '@fluxcore/message';
import type { ProtocolCase, ProtocolName } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { knownGap, refusal } from './cells.js';
import { clientRequest } from './client.js';
import { checkUpstreamBody } from './expect-request.js';
import { PAIRS } from './protocols.js';
import { REQUESTS, isInexpressible } from './requests/all.js';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';
import { SUBJECTS } from './subjects.js';

const SECRET = 'sk-matrix-secret-0001';
const UPSTREAM_MODEL = 'upstream-model';

interface Sent {
  wire: UpstreamRequest;
  body: JsonObject;
  route: { stream: boolean; model?: string } | undefined;
}

/** Build the upstream request and read it back the way the provider would. */
function send(outbound: ProtocolCase, request: ChatRequest, stream: boolean): Sent {
  const wire = outbound.adapter.buildRequest(request, { baseURL: 'https://upstream.example/', apiKey: SECRET, model: UPSTREAM_MODEL, stream });
  const url = new URL(wire.url);
  const body = JSON.parse(wire.body) as JsonObject;
  const call = { path: url.pathname, query: url.search.slice(1), headers: wire.headers, body };
  expect(outbound.simulator.apiKeyOf(call)).toBe(SECRET);
  return { wire, body, route: outbound.simulator.route(call) };
}

/** A few facts of each upstream wire format, checked on the raw body and URL (not through a parser). */
const WIRE_RULES: Readonly<Record<ProtocolName, (sent: Sent, stream: boolean, scenario: ScenarioName) => void>> = {
  openai: (sent, stream, scenario) => {
    expect(sent.body.stream === true).toBe(stream);
    if (stream) expect(sent.body.stream_options, 'usage asked for in streams').toEqual({ include_usage: true });
    if (scenario === 'sampling') expect([sent.body.temperature, sent.body.max_completion_tokens ?? sent.body.max_tokens]).toEqual([0, 0]);
  },
  anthropic: (sent, _stream, scenario) => {
    expect(sent.wire.headers['anthropic-version']).toBe('2023-06-01');
    expect(typeof sent.body.max_tokens, 'max_tokens is required').toBe('number');
    if (scenario === 'sampling') expect([sent.body.temperature, sent.body.max_tokens]).toEqual([0, 0]);
  },
  gemini: (sent, stream, scenario) => {
    expect(sent.wire.url).toMatch(stream ? /\/models\/upstream-model:streamGenerateContent\?alt=sse$/ : /\/models\/upstream-model:generateContent$/);
    expect(sent.body.model, 'the model is in the URL only').toBeUndefined();
    if (scenario === 'sampling') expect(sent.body.generationConfig).toMatchObject({ temperature: 0, maxOutputTokens: 0 });
  },
  cohere: (sent, stream, scenario) => {
    expect(sent.wire.url).toMatch(/\/v2\/chat$/);
    expect(sent.body.stream === true).toBe(stream);
    if (scenario === 'sampling') expect([sent.body.temperature, sent.body.max_tokens]).toEqual([0, 0]);
  },
  'cohere-v1': (sent, stream, scenario) => {
    expect(sent.wire.url).toMatch(/\/v1\/chat$/);
    expect(sent.body.stream === true).toBe(stream);
    if (scenario === 'sampling') expect([sent.body.temperature, sent.body.max_tokens]).toEqual([0, 0]);
  },
};

function checkConversion(inbound: ProtocolCase, outbound: ProtocolCase, scenario: ScenarioName, stream: boolean): void {
  const client = clientRequest(inbound, scenario, stream).parsed;
  const clientDigest = digestRequest(client);
  expect(clientDigest, 'the inbound parser reads the scenario').toMatchObject(SUBJECTS[scenario](inbound.name));
  expect(client.stream).toBe(stream);

  const refused = refusal(scenario, inbound.name, outbound.name);
  if (refused !== undefined) {
    let error: unknown;
    try {
      send(outbound, client, stream);
    } catch (caught) {
      error = caught;
    }
    expect(isFluxError(error) && error.category === 'invalid_request', `refused: ${refused.reason}`).toBe(true);
    return;
  }

  const sent = send(outbound, client, stream);
  expect(sent.route, 'the provider routes the call').toEqual(expect.objectContaining({ stream }));
  expect(sent.route?.model ?? sent.body.model).toBe(UPSTREAM_MODEL);
  expect(sent.wire.body).not.toContain(SECRET);
  expect(sent.wire.url).not.toMatch(/[^:]\/\//);
  WIRE_RULES[outbound.name](sent, stream, scenario);
  checkUpstreamBody(inbound, outbound, client, sent.wire.body, { stream, model: sent.route?.model });
}

describe.each(PAIRS.map(([i, o]) => [`${i.name} -> ${o.name}`, i, o] as const))('request %s', (_pair, inbound, outbound) => {
  const scenarios = SCENARIO_NAMES.filter((s) => !isInexpressible(REQUESTS[inbound.name][s]));
  describe.each(scenarios)('%s', (scenario) => {
    it.each([false, true])('stream %s: what the client asked for reaches the upstream', (stream) => {
      const gap = knownGap(scenario, inbound.name, outbound.name, 'request', stream);
      if (gap === undefined) return checkConversion(inbound, outbound, scenario, stream);
      expect(() => checkConversion(inbound, outbound, scenario, stream), `known gap: ${gap.reason}`).toThrow(gap.failsWith);
    });
  });
});
