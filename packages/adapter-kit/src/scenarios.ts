import type { Scenario } from './simulator.js';

/**
 * The answers every adapter is checked with: what every protocol can express (text, tool calls
 * without text, the `length` finish, multi-byte text, no usage), so one suite fits any adapter.
 */
export const DEFAULT_SCENARIOS: Readonly<Record<string, Scenario>> = {
  text: { id: 'kit-text', text: 'Hello! How can I help you today?', usage: { inputTokens: 12, outputTokens: 9 } },
  'tool-call': {
    id: 'kit-tool',
    toolCalls: [{ id: 'call_kit_1', name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }],
    usage: { inputTokens: 60, outputTokens: 21 },
  },
  'parallel-tool-calls': {
    id: 'kit-parallel',
    toolCalls: [
      { id: 'call_kit_1', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'call_kit_2', name: 'get_time', arguments: { timezone: 'Europe/Paris', format: { h24: true } } },
    ],
    usage: { inputTokens: 75, outputTokens: 33 },
  },
  length: { id: 'kit-length', text: 'Once upon a time', finish: 'length', usage: { inputTokens: 14, outputTokens: 5 } },
  // Three-byte and four-byte characters, cut into 3-character deltas: chunk splits land mid-character.
  unicode: { id: 'kit-unicode', text: 'Grüße aus 東京 🙂, ça va ? Ünïcödé 𝄞 done.', chunkSize: 3, usage: { inputTokens: 20, outputTokens: 17 } },
  'no-usage': { id: 'kit-no-usage', text: 'No counts were reported.', usage: null },
};
