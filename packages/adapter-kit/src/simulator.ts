import type { JsonObject } from '@fluxcore/message';

/**
 * What a simulated provider answers, independent of its wire format. A simulator renders a
 * scenario in its own protocol, written by hand from the provider's documentation, so an
 * adapter is never checked against itself.
 */
export interface Scenario {
  /** Response id (a fixed default is used when absent). */
  id?: string;
  /** Model name reported back (default: the model the request asked for). */
  model?: string;
  /** Reasoning before the answer, with the provider's signature when it has one. */
  reasoning?: { text: string; signature?: string };
  /** Assistant text. */
  text?: string;
  /** Tool calls, after the text. Ids are omitted on the wire by protocols that have none. */
  toolCalls?: Array<{ id?: string; name: string; arguments: JsonObject }>;
  /** Canonical finish reason (default: `tool_calls` when there are tool calls, else `stop`). */
  finish?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /** Usage to report; `null` makes the provider report none. */
  usage?: ScenarioUsage | null;
  /** Split text into deltas of this many characters when streaming (default 4). */
  chunkSize?: number;
}

/** Token counts a scenario reports, in fluxcore's convention (input includes cache reads and writes). */
export interface ScenarioUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

/** Error kinds a simulator renders in its provider's own error shape (each an `ErrorCategory`). */
export type SimulatedErrorKind =
  'invalid_request' | 'authentication' | 'permission' | 'not_found' | 'rate_limit' | 'overloaded' | 'server' | 'request_too_large';

/** An HTTP request a simulator is asked to recognise. */
export interface SimulatedCall {
  path: string;
  /** Query string without the leading `?`. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * One provider's wire format, rendered by hand from its documentation (never by the adapter
 * under test): how its requests are routed, its answers, its streams and its errors.
 */
export interface ProviderSimulator {
  /** Protocol name, same as the adapter's `name`. */
  readonly protocol: string;
  /** Whether this call is for this protocol, and if so whether it asks for a stream and for which model. */
  route(call: SimulatedCall): { stream: boolean; model?: string } | undefined;
  /** The API key the call carries, however this protocol sends it. */
  apiKeyOf(call: SimulatedCall): string | undefined;
  /** A complete (non-streamed) response body. */
  renderResponse(scenario: Scenario, model: string): JsonObject;
  /** A streamed response as a list of wire frames (each a complete SSE event or NDJSON line). */
  renderStream(scenario: Scenario, model: string): string[];
  /** Content type of a streamed response. */
  readonly streamContentType: string;
  /** An error response body in this provider's shape. */
  renderError(kind: SimulatedErrorKind, status: number, message: string): JsonObject;
  /**
   * An error sent inside a stream after a 200, in this provider's shape (Anthropic `event: error`,
   * OpenAI `data: {"error":…}`), or undefined when the protocol has no such signal.
   */
  renderStreamError(kind: SimulatedErrorKind, message: string): string | undefined;
}
