import type { ChatRequest } from '@fluxcore/message';

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/**
 * The requests every adapter is checked with, in IR: what every protocol can express (system
 * text, turns, tools, a tool call and its result, max tokens, temperature, stop sequences).
 * `stream` is set by the check, for both values.
 */
export const DEFAULT_REQUESTS: Readonly<Record<string, Omit<ChatRequest, 'stream'>>> = {
  text: {
    model: 'client-model',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }],
    maxTokens: 256,
  },
  'system-multi-turn': {
    model: 'client-model',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'Answer in one word.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Paris.' }] },
      { role: 'user', content: [{ type: 'text', text: 'And of Italy?' }] },
    ],
    maxTokens: 64,
    temperature: 0.5,
    stopSequences: ['END'],
  },
  'tool-round-trip': {
    model: 'client-model',
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_kit_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'call_kit_1', toolName: 'get_weather', content: [{ type: 'text', text: '{"celsius":21}' }] }],
      },
    ],
    tools: [WEATHER_TOOL],
    maxTokens: 128,
  },
};
