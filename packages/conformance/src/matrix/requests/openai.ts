import { CLIENT_MODEL } from '@fluxcore/testkit';
import { ANSWER_SCHEMA, IMAGE_URL, PDF_BASE64, PNG_BASE64, TIME_RESULT, WEATHER_RESULT, type RequestBook } from './book.js';
import { TIME_TOOL, WEATHER_TOOL, type ToolSpec } from './tools.js';

const tool = ({ name, description, schema }: ToolSpec) => ({ type: 'function', function: { name, description, parameters: schema } });
const WEATHER = tool(WEATHER_TOOL);
const TIME = tool(TIME_TOOL);

/** OpenAI Chat Completions client requests, one per scenario. */
export const openaiRequests: RequestBook = {
  text: { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Hello!' }] },
  'system-multi-turn': {
    model: CLIENT_MODEL,
    messages: [
      { role: 'system', content: 'You are a terse geography tutor.' },
      { role: 'user', content: 'What is the capital of Italy?' },
      { role: 'assistant', content: 'Rome.' },
      { role: 'user', content: [{ type: 'text', text: 'And of France?' }] },
    ],
  },
  'tool-call': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    tools: [WEATHER],
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
  },
  'parallel-tool-calls': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
    tools: [WEATHER, TIME],
    tool_choice: 'required',
  },
  'tool-results': {
    model: CLIENT_MODEL,
    messages: [
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_time_2', type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_weather_1', content: WEATHER_RESULT },
      { role: 'tool', tool_call_id: 'call_time_2', content: TIME_RESULT },
    ],
    tools: [WEATHER, TIME],
    tool_choice: 'auto',
    parallel_tool_calls: false,
  },
  'tool-choice-none': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Just say hi, no tools.' }],
    tools: [WEATHER],
    tool_choice: 'none',
  },
  reasoning: {
    model: CLIENT_MODEL,
    messages: [
      { role: 'user', content: 'Is 1021 prime?' },
      { role: 'assistant', content: 'Yes, 1021 is prime.', reasoning_content: 'Check divisors up to 31.' },
      { role: 'user', content: 'Hi again.' },
    ],
    reasoning_effort: 'medium',
    max_completion_tokens: 16000,
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
  pdf: {
    model: CLIENT_MODEL,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Summarize this document.' },
          { type: 'file', file: { filename: 'invoice.pdf', file_data: `data:application/pdf;base64,${PDF_BASE64}` } },
        ],
      },
    ],
  },
  length: { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Tell me a long story.' }], max_completion_tokens: 5 },
  'content-filter': { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Explain how to pick a lock.' }] },
  'cached-usage': {
    model: CLIENT_MODEL,
    messages: [
      { role: 'system', content: 'You are the ACME support agent. Policy: be kind, be exact.' },
      { role: 'user', content: 'Where is my order?' },
    ],
  },
  'no-usage': { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Hi' }] },
  'stop-sequence': { model: CLIENT_MODEL, messages: [{ role: 'user', content: 'Count to ten.' }], stop: ['four', '###'] },
  sampling: {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Pick a number.' }],
    temperature: 0,
    top_p: 0.5,
    max_completion_tokens: 0,
    seed: 7,
    user: 'end-user-42',
  },
  'json-mode': {
    model: CLIENT_MODEL,
    messages: [{ role: 'user', content: 'Answer as JSON: what is 6*7?' }],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: ANSWER_SCHEMA, strict: true } },
  },
};
