import type { Scenario } from '@fluxcore/testkit';

/** The columns of the matrix. */
export const SCENARIO_NAMES = [
  'text',
  'system-multi-turn',
  'tool-call',
  'parallel-tool-calls',
  'tool-results',
  'tool-choice-none',
  'reasoning',
  'image-base64',
  'image-url',
  'pdf',
  'length',
  'content-filter',
  'cached-usage',
  'no-usage',
  'stop-sequence',
  'sampling',
  'json-mode',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** The signature the simulated upstream attaches to its reasoning. */
export const UPSTREAM_SIGNATURE = 'dXBzdHJlYW0tcmVhc29uaW5nLXNpZ25hdHVyZQ==';

/**
 * What the simulated upstream answers in each scenario. The request side of each scenario is
 * hand-written per inbound protocol in `requests/`.
 */
export const ANSWERS: Readonly<Record<ScenarioName, Scenario>> = {
  text: { id: 'resp-text', text: 'Hello! How can I help you today?', usage: { inputTokens: 12, outputTokens: 9 } },
  'system-multi-turn': { id: 'resp-multi', text: 'Paris.', usage: { inputTokens: 41, outputTokens: 2 } },
  'tool-call': {
    id: 'resp-tool',
    text: 'Let me check the weather.',
    toolCalls: [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }],
    usage: { inputTokens: 60, outputTokens: 21 },
  },
  'parallel-tool-calls': {
    id: 'resp-parallel',
    toolCalls: [
      { id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'call_time_2', name: 'get_time', arguments: { timezone: 'Europe/Paris', format: { h24: true } } },
    ],
    usage: { inputTokens: 75, outputTokens: 33 },
  },
  'tool-results': { id: 'resp-results', text: 'It is 21 °C and 14:05 in Paris.', usage: { inputTokens: 98, outputTokens: 14 } },
  'tool-choice-none': { id: 'resp-none', text: 'Hi! No tools needed.', usage: { inputTokens: 30, outputTokens: 6 } },
  reasoning: {
    id: 'resp-reasoning',
    reasoning: { text: 'The user says hi again; answer briefly.', signature: UPSTREAM_SIGNATURE },
    text: 'Hi again!',
    usage: { inputTokens: 52, outputTokens: 40, reasoningTokens: 31 },
  },
  'image-base64': { id: 'resp-image-b64', text: 'A single red pixel.', usage: { inputTokens: 90, outputTokens: 5 } },
  'image-url': { id: 'resp-image-url', text: 'A cat on a sofa.', usage: { inputTokens: 300, outputTokens: 6 } },
  pdf: { id: 'resp-pdf', text: 'It is an invoice for 42 EUR.', usage: { inputTokens: 1200, outputTokens: 9 } },
  length: { id: 'resp-length', text: 'Once upon a time', finish: 'length', usage: { inputTokens: 14, outputTokens: 5 } },
  'content-filter': { id: 'resp-filter', text: 'I cannot help', finish: 'content_filter', usage: { inputTokens: 16, outputTokens: 3 } },
  'cached-usage': {
    id: 'resp-cached',
    text: 'Your order ships tomorrow.',
    usage: { inputTokens: 2100, outputTokens: 7, cachedInputTokens: 1600, cacheWriteTokens: 300 },
  },
  'no-usage': { id: 'resp-no-usage', text: 'No counts were reported.', usage: null },
  'stop-sequence': { id: 'resp-stop', text: 'one, two, three, ', finish: 'stop', usage: { inputTokens: 11, outputTokens: 8 } },
  sampling: { id: 'resp-sampling', text: '7', usage: { inputTokens: 10, outputTokens: 1 } },
  'json-mode': { id: 'resp-json', text: '{"answer":42}', usage: { inputTokens: 35, outputTokens: 6 } },
};
