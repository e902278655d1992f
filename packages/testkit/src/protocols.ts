import type { GrammarValidator, ProviderSimulator } from '@fluxcore/adapter-kit';
import type { JsonObject, ParseRequestOptions, ProtocolAdapter } from '@fluxcore/message';
import { validateAnthropicStream } from './grammar/anthropic.js';
import { validateCohereV1Stream } from './grammar/cohere-v1.js';
import { validateCohereStream } from './grammar/cohere.js';
import { validateGeminiStream } from './grammar/gemini.js';
import { validateOpenaiStream } from './grammar/openai.js';
import { anthropicSimulator } from './simulators/anthropic.js';
import { cohereV1Simulator } from './simulators/cohere-v1.js';
import { cohereSimulator } from './simulators/cohere.js';
import { geminiSimulator } from './simulators/gemini.js';
import { openaiSimulator } from './simulators/openai.js';

/** The five built-in wire protocols, by adapter name. */
export type ProtocolName = 'openai' | 'anthropic' | 'gemini' | 'cohere' | 'cohere-v1';

/** The built-in adapters, by protocol name. testkit cannot import them (the adapters' own tests import testkit). */
export type BuiltinAdapters = Readonly<Record<ProtocolName, ProtocolAdapter>>;

/** The model a hand-written client request names. */
export const CLIENT_MODEL = 'client-model';

/** One built-in protocol with everything a test needs to speak it on either side. */
export interface ProtocolCase {
  name: ProtocolName;
  adapter: ProtocolAdapter;
  /** Renders answers in this protocol, written by hand (never by the adapter). */
  simulator: ProviderSimulator;
  /** Checks an encoded stream in this protocol. */
  validate: GrammarValidator;
  /** A small client request in this protocol ("Say hello."), streamed or not as its clients say so in the body. */
  body(stream: boolean): JsonObject;
  /** The client request for a stream: what this protocol's clients add to a body to ask for one. */
  streamBody(body: JsonObject): JsonObject;
  /** What the client's URL says (Gemini puts the model and streaming there); undefined for the others. */
  route(stream: boolean, model?: string): ParseRequestOptions | undefined;
}

const PROMPT = 'Say hello.';
const chatBody = (stream: boolean): JsonObject => ({ model: CLIENT_MODEL, messages: [{ role: 'user', content: PROMPT }], stream });
const withStream = (body: JsonObject): JsonObject => ({ ...body, stream: true });
const inBody = (): undefined => undefined;

const WIRE: ReadonlyArray<Omit<ProtocolCase, 'adapter'>> = [
  {
    name: 'openai',
    simulator: openaiSimulator,
    validate: validateOpenaiStream,
    body: chatBody,
    streamBody: (body) => ({ ...body, stream: true, stream_options: { include_usage: true } }),
    route: inBody,
  },
  {
    name: 'anthropic',
    simulator: anthropicSimulator,
    validate: validateAnthropicStream,
    body: (stream) => ({ model: CLIENT_MODEL, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], stream }),
    streamBody: withStream,
    route: inBody,
  },
  {
    name: 'gemini',
    simulator: geminiSimulator,
    validate: validateGeminiStream,
    body: () => ({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] }),
    streamBody: (body) => body,
    route: (stream, model = CLIENT_MODEL) => ({ model, stream }),
  },
  { name: 'cohere', simulator: cohereSimulator, validate: validateCohereStream, body: chatBody, streamBody: withStream, route: inBody },
  {
    name: 'cohere-v1',
    simulator: cohereV1Simulator,
    validate: validateCohereV1Stream,
    body: (stream) => ({ model: CLIENT_MODEL, message: PROMPT, stream }),
    streamBody: withStream,
    route: inBody,
  },
];

/** The five built-in protocols, each joined with its adapter. */
export function protocolCases(adapters: BuiltinAdapters): readonly ProtocolCase[] {
  return WIRE.map((wire) => {
    const adapter = adapters[wire.name];
    if (adapter.name !== wire.name) throw new Error(`the adapter given for ${wire.name} is named ${adapter.name}`);
    return { ...wire, adapter };
  });
}
