import type { AssistantPart } from './content.js';
import type { ProviderExtras } from './json.js';

/**
 * Why generation stopped, in one vocabulary for every provider. Adapters keep the provider's
 * own value in `rawFinishReason`.
 */
export type FinishReason =
  /** Natural end of turn, or a stop sequence matched. */
  | 'stop'
  /** The max-tokens limit (or the context window) was reached. */
  | 'length'
  /** The model called one or more tools. */
  | 'tool_calls'
  /** A safety or recitation filter stopped the output. */
  | 'content_filter'
  /** The provider reported an error while generating. */
  | 'error'
  /** Anything else. */
  | 'other';

/** Token counts as a provider reports them, normalised. */
export interface TokenUsage {
  /** All input tokens, cached reads and cache writes included. */
  inputTokens: number;
  /** All output tokens, reasoning included. */
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (part of inputTokens). */
  cachedInputTokens?: number;
  /** Input tokens written to the provider's prompt cache (part of inputTokens). */
  cacheWriteTokens?: number;
  /** Output tokens spent on reasoning (part of outputTokens). */
  reasoningTokens?: number;
}

/** Usage of one call, as fluxcore reports it to the caller. */
export interface Usage extends TokenUsage {
  /** inputTokens + outputTokens. */
  totalTokens: number;
  /** Wall time of the whole call, attempts included, in milliseconds. */
  latencyMs: number;
  /** For streams: time until the first content reached the caller, in milliseconds. */
  firstTokenMs?: number;
  /** True only when the provider reported the counts; false when they were estimated. */
  isAccurate: boolean;
  /** Cost in USD from the serving endpoint's prices, when it has prices. */
  cost?: number;
}

/** A complete (non-streamed) answer in provider-neutral form. Only the first choice is kept. */
export interface ChatResponse {
  /** Provider's response id (generated when the provider gave none). */
  id: string;
  /** Model that answered. */
  model: string;
  /** Unix time in seconds, when known. */
  created?: number;
  /** The assistant's output in order. */
  content: AssistantPart[];
  finishReason: FinishReason;
  /** The provider's own finish reason string. */
  rawFinishReason?: string;
  /** The stop sequence that matched, when the provider says. */
  stopSequence?: string;
  /** Provider-reported usage; absent when the provider reported none. */
  usage?: TokenUsage;
  extras?: ProviderExtras;
}
