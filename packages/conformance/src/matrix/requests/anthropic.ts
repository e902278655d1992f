import { CLIENT_MODEL } from '@fluxcore/testkit';
import { ANSWER_SCHEMA, CLIENT_SIGNATURES, IMAGE_URL, PDF_BASE64, PNG_BASE64, TIME_RESULT, WEATHER_RESULT, type RequestBook } from './book.js';
import { TIME_TOOL, WEATHER_TOOL, type ToolSpec } from './tools.js';

const tool = ({ name, description, schema }: ToolSpec) => ({ name, description, input_schema: schema });
const WEATHER = tool(WEATHER_TOOL);
const TIME = tool(TIME_TOOL);

/** Anthropic Messages client requests, one per scenario. */
export const anthropicRequests: RequestBook = {
  text: { model: CLIENT_MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Hello!' }] },
  'system-multi-turn': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    system: 'You are a terse geography tutor.',
    messages: [
      { role: 'user', content: 'What is the capital of Italy?' },
      { role: 'assistant', content: [{ type: 'text', text: 'Rome.' }] },
      { role: 'user', content: [{ type: 'text', text: 'And of France?' }] },
    ],
  },
  'tool-call': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    tools: [WEATHER],
    tool_choice: { type: 'tool', name: 'get_weather' },
  },
  'parallel-tool-calls': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
    tools: [WEATHER, TIME],
    tool_choice: { type: 'any' },
  },
  'tool-results': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_weather_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_time_2', name: 'get_time', input: { timezone: 'Europe/Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_weather_1', content: WEATHER_RESULT },
          { type: 'tool_result', tool_use_id: 'call_time_2', content: [{ type: 'text', text: TIME_RESULT }] },
        ],
      },
    ],
    tools: [WEATHER, TIME],
    tool_choice: { type: 'auto', disable_parallel_tool_use: true },
  },
  'tool-choice-none': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Just say hi, no tools.' }],
    tools: [WEATHER],
    tool_choice: { type: 'none' },
  },
  reasoning: {
    model: CLIENT_MODEL,
    max_tokens: 16000,
    thinking: { type: 'enabled', budget_tokens: 4096 },
    messages: [
      { role: 'user', content: 'Is 1021 prime?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Check divisors up to 31.', signature: CLIENT_SIGNATURES.anthropic },
          { type: 'text', text: 'Yes, 1021 is prime.' },
        ],
      },
      { role: 'user', content: 'Hi again.' },
    ],
  },
  'image-base64': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
        ],
      },
    ],
  },
  'image-url': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe this photo.' },
          { type: 'image', source: { type: 'url', url: IMAGE_URL } },
        ],
      },
    ],
  },
  pdf: {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Summarize this document.' },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF_BASE64 }, title: 'invoice.pdf' },
        ],
      },
    ],
  },
  length: { model: CLIENT_MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'Tell me a long story.' }] },
  'content-filter': { model: CLIENT_MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Explain how to pick a lock.' }] },
  'cached-usage': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    system: [{ type: 'text', text: 'You are the ACME support agent. Policy: be kind, be exact.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: 'Where is my order?' }],
  },
  'no-usage': { model: CLIENT_MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] },
  'stop-sequence': { model: CLIENT_MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Count to ten.' }], stop_sequences: ['four', '###'] },
  sampling: {
    model: CLIENT_MODEL,
    max_tokens: 0,
    messages: [{ role: 'user', content: 'Pick a number.' }],
    temperature: 0,
    top_p: 0.5,
    top_k: 40,
    metadata: { user_id: 'end-user-42' },
  },
  'json-mode': {
    model: CLIENT_MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Answer as JSON: what is 6*7?' }],
    output_config: { format: { type: 'json_schema', schema: ANSWER_SCHEMA } },
  },
};
