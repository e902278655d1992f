import type { JsonObject } from '@fluxcore/message';
import type { Scenario } from '@fluxcore/testkit';
import type { Prng } from './prng.js';

/** What a client must receive, whichever upstream served it. */
export interface ExpectedContent {
  text: string;
  toolCalls: Array<{ name: string; arguments: JsonObject }>;
}

/** One soak request: who asks, how, and what the upstreams answer for it. */
export interface SoakCase {
  readonly index: number;
  /** Client (inbound) protocol name: `openai`, `anthropic`, `gemini`, `cohere` or `cohere-v1`. */
  readonly client: string;
  readonly stream: boolean;
  readonly scenario: Scenario;
  readonly expected: ExpectedContent;
}

/** Words with 1- to 4-byte UTF-8 characters, so that chunk splits land inside multi-byte text. */
const WORDS = [
  'fault',
  'soak',
  'Zürich',
  'naïve',
  'café',
  '東京',
  '日本語',
  'Ελλάδα',
  '🚀',
  '👩‍💻',
  'ok,',
  'end.',
  '"quoted"',
  'back\\slash',
  'tab\there',
  'line\nbreak',
];
const CITIES = ['Paris', 'São Paulo', 'Kraków', '北京', 'Reykjavík'];

/** The tag every request carries in its prompt, so an upstream can tell which case it serves. */
export function caseTag(index: number): string {
  return `soak-case-${index}`;
}

/** Read the case index back from a request body in any protocol. */
export function caseIndexOf(body: unknown): number | undefined {
  const match = /soak-case-(\d+)/.exec(JSON.stringify(body) ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** A random case: a text answer (most of the time) or one or two tool calls. */
export function makeCase(index: number, client: string, stream: boolean, random: Prng): SoakCase {
  const chunkSize = random.int(1, 9);
  const usage = { inputTokens: random.int(5, 400), outputTokens: random.int(1, 300) };
  if (random.chance(0.25)) {
    const toolCalls = Array.from({ length: random.int(1, 2) }, (_, i) => ({
      id: `call_${index}_${i}`,
      name: 'get_weather',
      arguments: { city: random.pick(CITIES), days: random.int(1, 14) } as JsonObject,
    }));
    const scenario: Scenario = { id: `soak_${index}`, toolCalls, usage, chunkSize };
    return { index, client, stream, scenario, expected: { text: '', toolCalls: toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args })) } };
  }
  const text = Array.from({ length: random.int(1, 40) }, () => random.pick(WORDS)).join(' ');
  return { index, client, stream, scenario: { id: `soak_${index}`, text, usage, chunkSize }, expected: { text, toolCalls: [] } };
}
