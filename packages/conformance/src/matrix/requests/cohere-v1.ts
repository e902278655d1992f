import { CLIENT_MODEL } from '@fluxcore/testkit';
import { ANSWER_SCHEMA, type RequestBook } from './book.js';

const WEATHER = {
  name: 'get_weather',
  description: 'Current weather in a city.',
  parameter_definitions: { city: { type: 'str', description: 'City name', required: true }, unit: { type: 'str', required: false } },
};
const TIME = {
  name: 'get_time',
  description: 'Local time in a time zone.',
  parameter_definitions: { timezone: { type: 'str', required: true }, format: { type: 'Dict', required: false } },
};

/** Cohere Chat v1 client requests, one per scenario. */
export const cohereV1Requests: RequestBook = {
  text: { model: CLIENT_MODEL, message: 'Hello!' },
  'system-multi-turn': {
    model: CLIENT_MODEL,
    preamble: 'You are a terse geography tutor.',
    chat_history: [
      { role: 'USER', message: 'What is the capital of Italy?' },
      { role: 'CHATBOT', message: 'Rome.' },
    ],
    message: 'And of France?',
  },
  'tool-call': { model: CLIENT_MODEL, message: 'What is the weather in Paris?', tools: [WEATHER] },
  'parallel-tool-calls': { model: CLIENT_MODEL, message: 'Weather and time in Paris?', tools: [WEATHER, TIME] },
  'tool-results': {
    model: CLIENT_MODEL,
    chat_history: [
      { role: 'USER', message: 'Weather and time in Paris?' },
      {
        role: 'CHATBOT',
        message: '',
        tool_calls: [
          { name: 'get_weather', parameters: { city: 'Paris' } },
          { name: 'get_time', parameters: { timezone: 'Europe/Paris' } },
        ],
      },
    ],
    message: '',
    tool_results: [
      { call: { name: 'get_weather', parameters: { city: 'Paris' } }, outputs: [{ temperature: 21, unit: 'celsius' }] },
      { call: { name: 'get_time', parameters: { timezone: 'Europe/Paris' } }, outputs: [{ time: '14:05' }] },
    ],
    tools: [WEATHER, TIME],
  },
  'tool-choice-none': { unsupported: 'Cohere v1 has no tool choice; a client that wants no tool call sends no tools' },
  reasoning: { unsupported: 'Cohere v1 has no reasoning in requests or answers' },
  'image-base64': { unsupported: 'Cohere v1 clients cannot send images or files (text-only messages)' },
  'image-url': { unsupported: 'Cohere v1 clients cannot send images or files (text-only messages)' },
  pdf: { unsupported: 'Cohere v1 clients cannot send images or files (text-only messages)' },
  length: { model: CLIENT_MODEL, message: 'Tell me a long story.', max_tokens: 5 },
  'content-filter': { model: CLIENT_MODEL, message: 'Explain how to pick a lock.' },
  'cached-usage': { model: CLIENT_MODEL, preamble: 'You are the ACME support agent. Policy: be kind, be exact.', message: 'Where is my order?' },
  'no-usage': { model: CLIENT_MODEL, message: 'Hi' },
  'stop-sequence': { model: CLIENT_MODEL, message: 'Count to ten.', stop_sequences: ['four', '###'] },
  sampling: { model: CLIENT_MODEL, message: 'Pick a number.', temperature: 0, p: 0.5, k: 40, max_tokens: 0, seed: 7 },
  'json-mode': { model: CLIENT_MODEL, message: 'Answer as JSON: what is 6*7?', response_format: { type: 'json_object', schema: ANSWER_SCHEMA } },
};
