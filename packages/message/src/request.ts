import type { Message, ReasoningConfig, ResponseFormat, ToolChoice, ToolDefinition } from './content.js';
import type { ProviderExtras } from './json.js';

/**
 * A chat request in fluxcore's provider-neutral form. Every sampling field is optional and
 * `undefined` means "not given": 0 is a value and is always forwarded.
 */
export interface ChatRequest {
  /** Model the client asked for. An endpoint's own model replaces it upstream. */
  model?: string;
  /** The conversation, system instructions included, in order. */
  messages: Message[];
  /** Whether the client asked for a stream. */
  stream: boolean;
  /** OpenAI `stream_options.include_usage`: the client wants a usage chunk at the end. */
  streamUsage?: boolean;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** False forbids parallel tool calls (OpenAI `parallel_tool_calls`, Anthropic `disable_parallel_tool_use`). */
  parallelToolCalls?: boolean;
  /** Maximum output tokens. */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /** Unmodelled top-level fields, per protocol, for lossless same-protocol trips. */
  extras?: ProviderExtras;
}

/**
 * Budget tokens used when a client gives an effort and the target wants a budget. There is no
 * official mapping; this is ours.
 */
export const REASONING_EFFORT_BUDGET: Readonly<Record<NonNullable<ReasoningConfig['effort']>, number>> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16384,
};

/** Output tokens assumed when a request sets no max and a target requires one (Anthropic). */
export const DEFAULT_MAX_TOKENS = 4096;
