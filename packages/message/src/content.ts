import type { JsonObject, ProviderExtras } from './json.js';

/**
 * An opaque value a provider attached to generated content and needs back verbatim
 * (Anthropic thinking signatures, Gemini `thoughtSignature`). `family` names the provider
 * family that issued it; adapters only ever send a signature back to the same family.
 */
export interface OpaqueSignature {
  /** Provider family that issued the value (`anthropic`, `gemini`, ...). */
  family: string;
  /** The value, exactly as received. */
  value: string;
}

/** Where media bytes come from: a URL the provider fetches, or inline base64 data. */
export type MediaSource =
  | { kind: 'url'; url: string; /** MIME type when known (Gemini requires one). */ mediaType?: string }
  | { kind: 'base64'; data: string; /** MIME type, e.g. `image/png`, `application/pdf`. */ mediaType: string };

/** Plain text. */
export interface TextPart {
  type: 'text';
  text: string;
  /** Gemini attaches signatures to ordinary parts too. */
  signature?: OpaqueSignature;
  /** Unmodelled per-protocol fields of this part (Anthropic `cache_control`, `citations`). */
  extras?: ProviderExtras;
}

/** An image, by URL or inline base64. */
export interface ImagePart {
  type: 'image';
  source: MediaSource;
  /** OpenAI/Cohere detail hint. */
  detail?: 'auto' | 'low' | 'high';
  extras?: ProviderExtras;
}

/** A document or other file (PDF, audio), by URL or inline base64. */
export interface FilePart {
  type: 'file';
  source: MediaSource;
  /** Original file name, when the client gave one. */
  filename?: string;
  extras?: ProviderExtras;
}

/** Model reasoning ("thinking"). Carried opaquely; only its own family sees the signature. */
export interface ReasoningPart {
  type: 'reasoning';
  /** The reasoning text; empty for redacted reasoning. */
  text: string;
  signature?: OpaqueSignature;
  /** Encrypted reasoning the provider redacted (Anthropic `redacted_thinking.data`). */
  redacted?: OpaqueSignature;
  extras?: ProviderExtras;
}

/** A call the assistant made to a tool. */
export interface ToolCallPart {
  type: 'tool-call';
  /** Call id. Protocols without ids (Gemini, Cohere v1) get a stable generated one. */
  id: string;
  /** Tool name. */
  name: string;
  /** Arguments as JSON text, exactly as the model produced them (may be `""` or invalid JSON). */
  arguments: string;
  signature?: OpaqueSignature;
  extras?: ProviderExtras;
}

/** The result of a tool call, sent back to the model. */
export interface ToolResultPart {
  type: 'tool-result';
  /** The id of the {@link ToolCallPart} this answers. */
  toolCallId: string;
  /** The tool's name, when the protocol carries it (Gemini and Cohere v1 match results by name). */
  toolName?: string;
  /** The result: text and images. */
  content: Array<TextPart | ImagePart>;
  /** True when the tool failed (Anthropic `is_error`). */
  isError?: boolean;
  extras?: ProviderExtras;
}

/** Parts a system message may hold. */
export type SystemPart = TextPart;
/** Parts a user message may hold. */
export type UserPart = TextPart | ImagePart | FilePart;
/** Parts an assistant message (or a response) may hold. */
export type AssistantPart = TextPart | ReasoningPart | ToolCallPart;
/** Every content part kind. */
export type ContentPart = TextPart | ImagePart | FilePart | ReasoningPart | ToolCallPart | ToolResultPart;

/** A system instruction. Kept in place in the conversation; adapters that need it at the top level hoist it. */
export interface SystemMessage {
  role: 'system';
  content: SystemPart[];
  extras?: ProviderExtras;
}
/** A user turn. */
export interface UserMessage {
  role: 'user';
  content: UserPart[];
  /** OpenAI's optional participant name. */
  name?: string;
  extras?: ProviderExtras;
}
/** An assistant turn: text, reasoning and tool calls in order. */
export interface AssistantMessage {
  role: 'assistant';
  content: AssistantPart[];
  extras?: ProviderExtras;
}
/** Results of one or more tool calls. Consecutive results may share one message. */
export interface ToolMessage {
  role: 'tool';
  content: ToolResultPart[];
  extras?: ProviderExtras;
}
/** One message of the conversation. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A JSON Schema object (tool parameters, response schemas). */
export type JsonSchema = JsonObject;

/** A tool the model may call. */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments; `{ type: 'object' }` when the client gave none. */
  parameters: JsonSchema;
  /** OpenAI/Anthropic strict schema adherence. */
  strict?: boolean;
  extras?: ProviderExtras;
}

/** How the model may use tools. */
export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

/** Requested output format. */
export type ResponseFormat =
  { type: 'text' } | { type: 'json'; /** JSON Schema the output must follow. */ schema?: JsonSchema; name?: string; description?: string; strict?: boolean };

/** Reasoning controls, in whichever form the client gave them. */
export interface ReasoningConfig {
  /** False turns reasoning off where the provider allows. */
  enabled?: boolean;
  /** OpenAI-style effort. Maps to a budget via REASONING_EFFORT_BUDGET. */
  effort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Anthropic/Gemini-style budget in tokens. */
  budgetTokens?: number;
  /** Ask the provider to return reasoning text (Gemini `includeThoughts`). */
  includeThoughts?: boolean;
}
