import { CLIENT_MODEL } from '@fluxcore/testkit';
import { ANSWER_SCHEMA, IMAGE_URL, PNG_BASE64, WEATHER_RESULT, type RequestBook } from './book.js';
import { TIME_TOOL, WEATHER_TOOL, type ToolSpec } from './tools.js';

const tool = ({ name, description, schema }: ToolSpec) => ({ type: 'function', function: { name, description, parameters: schema } });
const WEATHER = tool(WEATHER_TOOL);
const TIME = tool(TIME_TOOL);

/** Cohere Chat v2 client requests, one per scenario. */
export const cohereRequests: RequestBook = {
  text: { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Hello!' }] },
  'system-multi-turn': {
    model: CLIENT_MODEL,
    messages: [
      { role: 'system', content: 'You are a terse geography tutor.' },
      { role: 'user', content: 'What is the capital of Italy?' },
      { role: 'assistant', content: [{ type: 'text', text: 'Rome.' }] },
      { role: 'user', content: [{ type: 'text', text: 'And of France?' }] },
    ],
  },
  'tool-call': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    tools: [WEATHER],
    tool_choice: 'REQUIRED',
  },
  'parallel-tool-calls': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
    tools: [WEATHER, TIME],
    tool_choice: 'REQUIRED',
  },
  'tool-results': {
    model: CLIENT_MODEL,
    messages: [
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        tool_plan: 'I will look up the weather and the time.',
        tool_calls: [
          { id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_time_2', type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_weather_1', content: WEATHER_RESULT },
      { role: 'tool', tool_call_id: 'call_time_2', content: [{ type: 'document', document: { data: { time: '14:05' } } }] },
    ],
    tools: [WEATHER, TIME],
  },
  'tool-choice-none': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Just say hi, no tools.' }],
    tools: [WEATHER],
    tool_choice: 'NONE',
  },
  reasoning: {
    model: CLIENT_MODEL,
    thinking: { type: 'enabled', token_budget: 4096 },
    max_tokens: 16000,
    messages: [
      { role: 'user', content: 'Is 1021 prime?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Check divisors up to 31.' },
          { type: 'text', text: 'Yes, 1021 is prime.' },
        ],
      },
      { role: 'user', content: 'Hi again.' },
    ],
  },
  'image-base64': {
    model: CLIENT_MODEL,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
        ],
      },
    ],
  },
  'image-url': {
    model: CLIENT_MODEL,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe this photo.' },
          { type: 'image_url', image_url: { url: IMAGE_URL } },
        ],
      },
    ],
  },
  pdf: { unsupported: 'Cohere v2 clients cannot send a PDF (messages take no files; top-level documents are text only)' },
  length: { model: CLIENT_MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'Tell me a long story.' }] },
  'content-filter': { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Explain how to pick a lock.' }] },
  'cached-usage': {
    model: CLIENT_MODEL,
    messages: [
      { role: 'system', content: 'You are the ACME support agent. Policy: be kind, be exact.' },
      { role: 'user', content: 'Where is my order?' },
    ],
  },
  'no-usage': { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Hi' }] },
  'stop-sequence': { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Count to ten.' }], stop_sequences: ['four', '###'] },
  sampling: {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Pick a number.' }],
    temperature: 0,
    p: 0.5,
    k: 40,
    max_tokens: 0,
    seed: 7,
  },
  'json-mode': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Answer as JSON: what is 6*7?' }],
    response_format: { type: 'json_object', json_schema: ANSWER_SCHEMA },
  },
};
