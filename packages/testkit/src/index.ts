export type {
  GrammarResult,
  GrammarValidator,
  ProviderSimulator,
  Scenario,
  ScenarioUsage,
  SimulatedCall,
  SimulatedErrorKind,
} from '@fluxcore/adapter-kit';
export { openaiSimulator } from './simulators/openai.js';
export { anthropicSimulator } from './simulators/anthropic.js';
export { geminiSimulator } from './simulators/gemini.js';
export { cohereSimulator } from './simulators/cohere.js';
export { cohereV1Simulator } from './simulators/cohere-v1.js';
export { validateOpenaiStream } from './grammar/openai.js';
export { validateAnthropicStream } from './grammar/anthropic.js';
export { validateGeminiStream } from './grammar/gemini.js';
export { validateCohereStream } from './grammar/cohere.js';
export { validateCohereV1Stream } from './grammar/cohere-v1.js';
export {
  startUpstream,
  type ScenarioSource,
  type StartUpstreamOptions,
  type Upstream,
  type UpstreamCall,
} from './upstream-server.js';
export type { UpstreamFault, UpstreamFaultSpec } from './upstream/fault.js';
export { startProxy, type TestProxy } from './proxy.js';
export { countingReader, decodeFrames, PARSE_EVERY_FRAME, type DecodeOutcome } from './decoder-outcome.js';
export { CLIENT_MODEL, protocolCases, type BuiltinAdapters, type ProtocolCase, type ProtocolName } from './protocols.js';
