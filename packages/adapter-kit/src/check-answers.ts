import type { ChatResponse, InboundContext, ProtocolAdapter } from '@fluxcore/message';
import { answerDifferences, digestResponse, digestScenario, zeroUsageAsNone } from './answer-digest.js';
import { attempt } from './attempt.js';
import { describeThrown, Problems } from './failure.js';
import { KIT_MODEL, subjectOf, type AdapterConformanceOptions } from './options.js';

/** The client request an answer is formatted for. */
export function kitContext(stream: boolean): InboundContext {
  return { request: { model: KIT_MODEL, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], stream, streamUsage: true } };
}

/**
 * `parseResponse` reads each simulated answer to what the scenario says (text, tool calls with
 * their arguments, finish reason, input and output counts), and `formatResponse` writes it as a
 * body that `parseResponse` reads back to the same (zero counts standing for none).
 */
export function checkAnswers(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const problems = new Problems(subject.adapter.name, 'answers');
  for (const [name, scenario] of subject.scenarios) {
    const what = `scenario "${name}"`;
    const parsed = attempt(() => subject.adapter.parseResponse(subject.simulator.renderResponse(scenario, KIT_MODEL)));
    if (!parsed.ok) {
      problems.add(`${what}: parseResponse threw ${describeThrown(parsed.thrown)}`);
      continue;
    }
    for (const difference of answerDifferences(digestScenario(scenario), digestResponse(parsed.value))) problems.add(`${what}: parseResponse: ${difference}`);
    checkFormatted(subject.adapter, problems, what, parsed.value);
  }
  problems.settle();
}

function checkFormatted(adapter: ProtocolAdapter, problems: Problems, what: string, response: ChatResponse): void {
  const formatted = attempt(() => JSON.parse(JSON.stringify(adapter.formatResponse(response, kitContext(false)))) as unknown);
  if (!formatted.ok) return problems.add(`${what}: formatResponse threw or wrote no JSON: ${describeThrown(formatted.thrown)}`);
  const reread = attempt(() => adapter.parseResponse(formatted.value));
  if (!reread.ok) return problems.add(`${what}: parseResponse of the formatted answer threw ${describeThrown(reread.thrown)}`);
  const differences = answerDifferences(zeroUsageAsNone(digestResponse(response)), zeroUsageAsNone(digestResponse(reread.value)));
  for (const difference of differences) problems.add(`${what}: formatted then read back: ${difference}`);
}
