export type { JsonObject, JsonValue, ProviderExtras } from './json.js';
export type {
  AssistantMessage,
  AssistantPart,
  ContentPart,
  FilePart,
  ImagePart,
  JsonSchema,
  MediaSource,
  Message,
  OpaqueSignature,
  ReasoningConfig,
  ReasoningPart,
  ResponseFormat,
  SystemMessage,
  SystemPart,
  TextPart,
  ToolCallPart,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  ToolResultPart,
  UserMessage,
  UserPart,
} from './content.js';
export { DEFAULT_MAX_TOKENS, REASONING_EFFORT_BUDGET, type ChatRequest } from './request.js';
export type { ChatResponse, FinishReason, TokenUsage, Usage } from './response.js';
export {
  isContentEvent,
  type FinishEvent,
  type ReasoningDeltaEvent,
  type ReasoningEndEvent,
  type ReasoningStartEvent,
  type StartEvent,
  type StreamEvent,
  type TextDeltaEvent,
  type TextEndEvent,
  type TextStartEvent,
  type ToolCallDeltaEvent,
  type ToolCallEndEvent,
  type ToolCallStartEvent,
  type UsageEvent,
} from './stream-event.js';
export type {
  FormattedError,
  HeaderMap,
  HeaderReader,
  InboundContext,
  ParseRequestOptions,
  PassthroughOutput,
  ProtocolAdapter,
  StreamDecoder,
  StreamEncoder,
  StreamPassthrough,
  UpstreamRequest,
  UpstreamTarget,
} from './adapter.js';
export { SseDecoder, encodeSse, type SseDecoderOptions, type SseEvent } from './sse.js';
export { NdjsonDecoder, type NdjsonDecoderOptions } from './ndjson.js';
export { createFramePassthrough, type FramePassthroughOptions, type StreamFraming } from './passthrough.js';
export { estimateRequestTokens, estimateTokens } from './estimate.js';
export { FramedStreamDecoder, type FrameSource } from './framed-decoder.js';
export {
  compact,
  expectArray,
  expectObject,
  expectString,
  FieldReader,
  fieldPath,
  invalidRequest,
  isObject,
  jsonText,
  optionalArray,
  optionalBoolean,
  optionalCount,
  optionalInteger,
  optionalNumber,
  optionalObject,
  optionalString,
  optionalStringArray,
  preview,
  tryParseJson,
  unknownFields,
  upstreamProtocol,
  type FieldFailure,
} from './wire-read.js';
export { FinishReasonTable } from './finish-reason-table.js';
export { ownValue } from './own-value.js';
export { setDefined } from './set-defined.js';
export { usageCount } from './usage-count.js';
export { readNumericSettings, writeNumericSettings, type NumberKind, type NumericSetting, type NumericSettingNames } from './numeric-settings.js';
