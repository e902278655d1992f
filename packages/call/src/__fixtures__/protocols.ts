import { anthropic } from '@fluxcore/anthropic';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { gemini } from '@fluxcore/gemini';
import type { JsonObject, ParseRequestOptions, ProtocolAdapter } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import {
  anthropicSimulator,
  cohereSimulator,
  cohereV1Simulator,
  geminiSimulator,
  openaiSimulator,
  validateAnthropicStream,
  validateCohereStream,
  validateCohereV1Stream,
  validateGeminiStream,
  validateOpenaiStream,
  type GrammarValidator,
  type ProviderSimulator,
} from '@fluxcore/testkit';

/** One wire protocol with everything a test needs to speak it on either side. */
export interface ProtocolCase {
  name: string;
  adapter: ProtocolAdapter;
  simulator: ProviderSimulator;
  validate: GrammarValidator;
  /** A small client request in this protocol. */
  body(stream: boolean): JsonObject;
  /** What the client's URL would say (Gemini puts the model and streaming there). */
  route?(stream: boolean): ParseRequestOptions;
}

const PROMPT = 'Say hello.';

export const PROTOCOLS: readonly ProtocolCase[] = [
  {
    name: 'openai',
    adapter: openai,
    simulator: openaiSimulator,
    validate: validateOpenaiStream,
    body: (stream) => ({ model: 'client-model', messages: [{ role: 'user', content: PROMPT }], stream }),
  },
  {
    name: 'anthropic',
    adapter: anthropic,
    simulator: anthropicSimulator,
    validate: validateAnthropicStream,
    body: (stream) => ({ model: 'client-model', max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], stream }),
  },
  {
    name: 'gemini',
    adapter: gemini,
    simulator: geminiSimulator,
    validate: validateGeminiStream,
    body: () => ({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] }),
    route: (stream) => ({ model: 'client-model', stream }),
  },
  {
    name: 'cohere',
    adapter: cohere,
    simulator: cohereSimulator,
    validate: validateCohereStream,
    body: (stream) => ({ model: 'client-model', messages: [{ role: 'user', content: PROMPT }], stream }),
  },
  {
    name: 'cohere-v1',
    adapter: cohereV1,
    simulator: cohereV1Simulator,
    validate: validateCohereV1Stream,
    body: (stream) => ({ model: 'client-model', message: PROMPT, stream }),
  },
];
