import type { RequestDigest, ToolDigest } from '@fluxcore/adapter-kit';
import type { ProtocolName } from '@fluxcore/testkit';
import { PDF_BASE64, PNG_BASE64, IMAGE_URL, ANSWER_SCHEMA, CLIENT_SIGNATURES } from './requests/book.js';
import type { ScenarioName } from './scenarios.js';

/**
 * What each scenario's client request is about, as every inbound parser must read it (checked
 * with `toMatchObject` before any conversion, so a parser that ignores a field cannot make a
 * conversion look lossless).
 */
export type Subject = (inbound: ProtocolName) => Partial<RequestDigest>;

const WEATHER: ToolDigest = {
  name: 'get_weather',
  description: 'Current weather in a city.',
  properties: { city: 'string', unit: 'string' },
  required: ['city'],
};
const TIME: ToolDigest = {
  name: 'get_time',
  description: 'Local time in a time zone.',
  properties: { timezone: 'string', format: 'object' },
  required: ['timezone'],
};
const user = (text: string) => ({ role: 'user' as const, parts: [{ text }] });
const hasIds = (p: ProtocolName) => p === 'openai' || p === 'anthropic' || p === 'cohere';
const speaksParallelSwitch = (p: ProtocolName) => p === 'openai' || p === 'anthropic';

export const SUBJECTS: Readonly<Record<ScenarioName, Subject>> = {
  text: () => ({ system: [], turns: [user('Hello!')] }),
  'system-multi-turn': () => ({
    system: ['You are a terse geography tutor.'],
    turns: [user('What is the capital of Italy?'), { role: 'assistant', parts: [{ text: 'Rome.' }] }, user('And of France?')],
  }),
  'tool-call': (p) => ({
    tools: [WEATHER],
    ...(p === 'cohere-v1' ? {} : { toolChoice: p === 'cohere' ? 'required' : 'tool:get_weather' }),
  }),
  'parallel-tool-calls': (p) => ({ tools: [WEATHER, TIME], ...(p === 'cohere-v1' ? {} : { toolChoice: 'required' }) }),
  'tool-results': (p) => ({
    tools: [WEATHER, TIME],
    turns: [
      user('Weather and time in Paris?'),
      {
        role: 'assistant',
        parts: [
          ...(p === 'cohere' ? [{ text: 'I will look up the weather and the time.' }] : []),
          { call: 'get_weather', args: { city: 'Paris' } },
          { call: 'get_time', args: { timezone: 'Europe/Paris' } },
        ],
      },
      {
        role: 'tool',
        parts: [
          { result: 'get_weather', content: { temperature: 21, unit: 'celsius' } },
          { result: 'get_time', content: { time: '14:05' } },
        ],
      },
    ],
    ...(speaksParallelSwitch(p) ? { parallelToolCalls: false } : {}),
  }),
  'tool-choice-none': () => ({ tools: [WEATHER], toolChoice: 'none' }),
  reasoning: (p) => {
    const signature = p === 'anthropic' ? `anthropic:${CLIENT_SIGNATURES.anthropic}` : p === 'gemini' ? `gemini:${CLIENT_SIGNATURES.gemini}` : undefined;
    const reasoning = signature === undefined ? { reasoning: 'Check divisors up to 31.' } : { reasoning: 'Check divisors up to 31.', signature };
    return {
      reasoning: 'on',
      turns: [user('Is 1021 prime?'), { role: 'assistant', parts: [reasoning, { text: 'Yes, 1021 is prime.' }] }, user('Hi again.')],
    };
  },
  'image-base64': () => ({ turns: [{ role: 'user', parts: [{ text: 'What is in this image?' }, { image: `base64 image/png ${PNG_BASE64}` }] }] }),
  'image-url': () => ({ turns: [{ role: 'user', parts: [{ text: 'Describe this photo.' }, { image: `url ${IMAGE_URL}` }] }] }),
  pdf: () => ({ turns: [{ role: 'user', parts: [{ text: 'Summarize this document.' }, { file: `base64 application/pdf ${PDF_BASE64}` }] }] }),
  length: () => ({ maxTokens: 5 }),
  'content-filter': () => ({ turns: [user('Explain how to pick a lock.')] }),
  'cached-usage': () => ({ system: ['You are the ACME support agent. Policy: be kind, be exact.'], turns: [user('Where is my order?')] }),
  'no-usage': () => ({ turns: [user('Hi')] }),
  'stop-sequence': () => ({ stop: ['four', '###'] }),
  sampling: (p) => ({
    temperature: 0,
    topP: 0.5,
    maxTokens: 0,
    ...(p === 'openai' ? {} : { topK: 40 }),
    ...(p === 'anthropic' ? {} : { seed: 7 }),
    ...(p === 'openai' || p === 'anthropic' ? { user: 'end-user-42' } : {}),
  }),
  'json-mode': () => ({ json: ANSWER_SCHEMA }),
};

/** Protocols whose tool calls carry ids on the wire in both directions. */
export function carriesToolIds(protocol: ProtocolName): boolean {
  return hasIds(protocol);
}
