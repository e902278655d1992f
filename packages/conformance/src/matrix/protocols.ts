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

/** The five wire protocols of the matrix, by adapter name. */
export type ProtocolName = 'openai' | 'anthropic' | 'gemini' | 'cohere' | 'cohere-v1';

/** Everything the matrix needs to speak one protocol on either side. */
export interface MatrixProtocol {
  name: ProtocolName;
  adapter: ProtocolAdapter;
  /** Renders answers in this protocol, written by hand (never by the adapter). */
  simulator: ProviderSimulator;
  /** Checks an encoded stream in this protocol. */
  validate: GrammarValidator;
  /** The client request for a stream: what this protocol's clients add to ask for one. */
  streamBody(body: JsonObject): JsonObject;
  /** What the client's URL says (Gemini puts the model and streaming there). */
  route(stream: boolean): ParseRequestOptions | undefined;
}

/** The model every hand-written client request names. */
export const CLIENT_MODEL = 'client-model';

export const PROTOCOLS: readonly MatrixProtocol[] = [
  {
    name: 'openai',
    adapter: openai,
    simulator: openaiSimulator,
    validate: validateOpenaiStream,
    streamBody: (body) => ({ ...body, stream: true, stream_options: { include_usage: true } }),
    route: () => undefined,
  },
  {
    name: 'anthropic',
    adapter: anthropic,
    simulator: anthropicSimulator,
    validate: validateAnthropicStream,
    streamBody: (body) => ({ ...body, stream: true }),
    route: () => undefined,
  },
  {
    name: 'gemini',
    adapter: gemini,
    simulator: geminiSimulator,
    validate: validateGeminiStream,
    streamBody: (body) => body,
    route: (stream) => ({ model: CLIENT_MODEL, stream }),
  },
  {
    name: 'cohere',
    adapter: cohere,
    simulator: cohereSimulator,
    validate: validateCohereStream,
    streamBody: (body) => ({ ...body, stream: true }),
    route: () => undefined,
  },
  {
    name: 'cohere-v1',
    adapter: cohereV1,
    simulator: cohereV1Simulator,
    validate: validateCohereV1Stream,
    streamBody: (body) => ({ ...body, stream: true }),
    route: () => undefined,
  },
];

/** Every inbound x outbound pair, inbound-major. */
export const PAIRS: ReadonlyArray<readonly [MatrixProtocol, MatrixProtocol]> = PROTOCOLS.flatMap((inbound) =>
  PROTOCOLS.map((outbound) => [inbound, outbound] as const),
);

export function protocolNamed(name: ProtocolName): MatrixProtocol {
  const found = PROTOCOLS.find((p) => p.name === name);
  if (found === undefined) throw new Error(`unknown protocol ${name}`);
  return found;
}
