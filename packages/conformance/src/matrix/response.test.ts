import type { StreamEvent } from '@fluxcore/message';
import type { ProtocolCase } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { knownGap } from './cells.js';
import { clientRequest } from './client.js';
import { canonicalFinish, checkAnswer } from './expect-answer.js';
import { PAIRS } from './protocols.js';
import { fromGrammar, readBody, type WireAnswer } from './read-answer.js';
import { ANSWERS, SCENARIO_NAMES, type ScenarioName } from './scenarios.js';

const UPSTREAM_MODEL = 'upstream-model';
const encoder = new TextEncoder();

/** Upstream body -> outbound.parseResponse -> inbound.formatResponse, as the client reads it. */
function answerOnce(inbound: ProtocolCase, outbound: ProtocolCase, scenario: ScenarioName): { answer: WireAnswer; wire: string } {
  const upstreamBody = JSON.parse(JSON.stringify(outbound.simulator.renderResponse(ANSWERS[scenario], UPSTREAM_MODEL))) as unknown;
  const response = outbound.adapter.parseResponse(upstreamBody);
  expect(response.finishReason, 'canonical finish reason').toBe(canonicalFinish(ANSWERS[scenario], outbound.name));
  const client = clientRequest(inbound, scenario, false);
  const wire = JSON.stringify(inbound.adapter.formatResponse(response, { request: client.parsed }));
  return { answer: readBody(inbound.name, JSON.parse(wire)), wire };
}

/** Upstream frames -> outbound decoder -> inbound encoder, checked by the inbound grammar. */
function answerStreamed(inbound: ProtocolCase, outbound: ProtocolCase, scenario: ScenarioName): { answer: WireAnswer; wire: string } {
  const decoder = outbound.adapter.createStreamDecoder();
  const events: StreamEvent[] = [];
  for (const frame of outbound.simulator.renderStream(ANSWERS[scenario], UPSTREAM_MODEL)) events.push(...decoder.push(encoder.encode(frame)));
  events.push(...decoder.end());
  const finish = events.at(-1);
  expect(finish?.type === 'finish' ? finish.finishReason : finish?.type, 'canonical finish reason').toBe(canonicalFinish(ANSWERS[scenario], outbound.name));
  const client = clientRequest(inbound, scenario, true);
  const streamEncoder = inbound.adapter.createStreamEncoder({ request: client.parsed });
  const wire = events.map((event) => streamEncoder.encode(event)).join('');
  const result = inbound.validate(wire);
  expect(result.errors, `${inbound.name} stream grammar`).toEqual([]);
  expect(result.endedWithError).toBe(false);
  return { answer: fromGrammar(result), wire };
}

function checkCell(inbound: ProtocolCase, outbound: ProtocolCase, scenario: ScenarioName, stream: boolean): void {
  const { answer, wire } = stream ? answerStreamed(inbound, outbound, scenario) : answerOnce(inbound, outbound, scenario);
  checkAnswer(answer, wire, ANSWERS[scenario], inbound.name, outbound.name, stream);
  if (stream && answer.toolCalls.length > 0) {
    const whole = answerOnce(inbound, outbound, scenario).answer;
    expect(
      answer.toolCalls.map((c) => c.id),
      'the same tool-call ids streamed or not',
    ).toEqual(whole.toolCalls.map((c) => c.id));
  }
}

describe.each(PAIRS.map(([i, o]) => [`${o.name} -> ${i.name}`, i, o] as const))('answer %s', (_pair, inbound, outbound) => {
  describe.each(SCENARIO_NAMES)('%s', (scenario) => {
    it.each([false, true])('stream %s: the client reads what the upstream said', (stream) => {
      const gap = knownGap(scenario, inbound.name, outbound.name, 'response', stream);
      if (gap === undefined) return checkCell(inbound, outbound, scenario, stream);
      expect(() => checkCell(inbound, outbound, scenario, stream), `known gap: ${gap.reason}`).toThrow(gap.failsWith);
    });
  });
});
