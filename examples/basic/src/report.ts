import type { AttemptRecord, CallResult } from '@fluxcore/call';
import type { JsonObject, Usage } from '@fluxcore/message';

/** Where the example writes its lines (console.log when run, an array in the test). */
export type Print = (line: string) => void;

/** The assistant's text in an OpenAI Chat Completions body. */
export function answerText(body: JsonObject): string {
  const choices = body.choices;
  const first = Array.isArray(choices) ? choices[0] : undefined;
  const message = typeof first === 'object' && first !== null && !Array.isArray(first) ? first.message : undefined;
  const content = typeof message === 'object' && message !== null && !Array.isArray(message) ? message.content : undefined;
  return typeof content === 'string' ? content : '(no text)';
}

/** `#1 openai 503 overloaded (4 ms) → #3 gemini 200 (3 ms)` */
export function describeAttempts(attempts: readonly AttemptRecord[]): string {
  return attempts
    .map((a) => `#${a.endpointId} ${a.protocol} ${a.status ?? '-'}${a.category === undefined ? '' : ` ${a.category}`} (${Math.round(a.durationMs)} ms)`)
    .join(' → ');
}

/** `14 in + 9 out = 23 tokens (reported by the provider), $0.0000200, 6 ms` */
export function describeUsage(usage: Usage): string {
  const source = usage.isAccurate ? 'reported by the provider' : 'estimated';
  const cost = usage.cost === undefined ? 'no price' : `$${usage.cost.toFixed(7)}`;
  return `${usage.inputTokens} in + ${usage.outputTokens} out = ${usage.totalTokens} tokens (${source}), ${cost}, ${Math.round(usage.latencyMs)} ms`;
}

/** The four things a result tells: the answer, who served it, how, and what it cost. */
export function printResult(print: Print, res: CallResult): void {
  print(`   answer    ${JSON.stringify(answerText(res.body))}  (OpenAI format: body.choices[0].message.content)`);
  print(`   endpoint  #${res.endpoint.id} ${res.endpoint.key.protocol.name} ${res.endpoint.model ?? ''}`);
  print(`   attempts  ${describeAttempts(res.attempts)}`);
  print(`   usage     ${describeUsage(res.usage)}`);
}
