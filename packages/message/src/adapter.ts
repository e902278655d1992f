import type { FluxError } from '@fluxcore/errors';
import type { JsonObject } from './json.js';
import type { ChatRequest } from './request.js';
import type { ChatResponse } from './response.js';
import type { StreamEvent } from './stream-event.js';

/** Header map as adapters produce and read them (lower-case names). */
export type HeaderMap = Record<string, string>;

/** Anything that can answer `get(name)` for a header: a `Headers`, or a wrapper over a plain map. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/** What the route told us beyond the body (Gemini puts the model and streaming in the URL). */
export interface ParseRequestOptions {
  /** Model from the URL path, when the protocol puts it there. */
  model?: string;
  /** Streaming as decided by the URL (`:streamGenerateContent`), when the protocol does so. */
  stream?: boolean;
}

/** The caller's side of one exchange: what an encoder or formatter needs to know. */
export interface InboundContext {
  /** The parsed client request. */
  request: ChatRequest;
}

/** Where and how to reach the upstream for one attempt. */
export interface UpstreamTarget {
  /** Base URL of the provider, as configured on the key. */
  baseURL: string;
  /** The provider API key. Adapters put it only in headers (or the query where the protocol requires). */
  apiKey: string;
  /** The model to use upstream (endpoint model, else the request's). */
  model: string;
  /** Whether to ask for a stream. */
  stream: boolean;
  /** Extra headers configured on the key (they override the adapter's defaults). */
  headers?: HeaderMap;
}

/** A fully built upstream HTTP request. */
export interface UpstreamRequest {
  /** Absolute URL, query included where the protocol needs one. */
  url: string;
  /** Always POST for chat calls. */
  method: 'POST';
  /** Request headers, authentication included (lower-case names). */
  headers: HeaderMap;
  /** JSON text. */
  body: string;
}

/** A formatted error, ready to send to a client. */
export interface FormattedError {
  /** HTTP status to answer with. */
  status: number;
  /** The protocol's error body. */
  body: JsonObject;
  /** Extra headers to send (`retry-after`, ...). */
  headers?: HeaderMap;
}

/**
 * Turns upstream bytes into IR events. A small state machine: feed it chunks as they arrive,
 * then call `end()` once. It throws a FluxError (`upstream_protocol`, or the classified error
 * the provider sent in-band, like Anthropic's `error` event after a 200).
 */
export interface StreamDecoder {
  /** Decode the next chunk of bytes; returns the events it completed (often none). */
  push(chunk: Uint8Array): StreamEvent[];
  /**
   * Optional: decode the next chunk given as text, already decoded from UTF-8 with one leading
   * BOM removed. A caller that needs the text anyway (the frame passthrough) calls this instead
   * of `push`, so each byte is decoded once. One stream uses either `push` or `pushText`.
   */
  pushText?(text: string): StreamEvent[];
  /** The upstream closed; returns the last events. Throws if the stream ended too early. */
  end(): StreamEvent[];
}

/**
 * Turns IR events into wire text in the client's protocol, exactly in the grammar the
 * protocol's official SDK expects.
 */
export interface StreamEncoder {
  /** Encode one event; returns wire text to write (possibly empty). */
  encode(event: StreamEvent): string;
  /**
   * End a broken stream with the protocol's own error signal (never a clean-looking end).
   * Returns the final wire text.
   */
  fail(error: FluxError): string;
}

/** What a {@link StreamPassthrough} hands back for each chunk. */
export interface PassthroughOutput {
  /**
   * The upstream's own wire text for every frame this chunk completed that the client should
   * get, byte for byte (never part of a frame, so a stream cut at any point stays well formed).
   */
  wire: string;
  /** The IR events those frames decode to (usage, the first content event), kept frames or not. */
  events: StreamEvent[];
}

/**
 * The same-protocol fast path for streams: forwards the upstream's frames verbatim, so fields
 * the IR does not model reach the client unchanged, while still decoding them into IR events.
 * Like a {@link StreamDecoder}, it throws a FluxError for a broken or failed stream; the frames
 * of a chunk that throws are not returned.
 */
export interface StreamPassthrough {
  /** Take the next chunk of upstream bytes; returns the frames it completed. */
  push(chunk: Uint8Array): PassthroughOutput;
  /** The upstream closed: returns the last frame (completed with its terminator). Throws if the stream ended too early. */
  end(): PassthroughOutput;
}

/**
 * One wire protocol, both directions. A third-party package implements a new protocol by
 * exporting an object of this shape; nothing in fluxcore needs to change.
 */
export interface ProtocolAdapter {
  /** Unique protocol name (`openai`, `anthropic`, `gemini`, `cohere`, `cohere-v1`). Keys `extras`. */
  readonly name: string;
  /** Provider family for opaque signatures (`cohere` and `cohere-v1` share `cohere`). */
  readonly family: string;
  /** Content type of a streamed answer in this protocol. */
  readonly streamContentType: string;

  // --- inbound: the client's side -------------------------------------------------------
  /** Parse a client request body (already JSON-parsed). Throws FluxError `invalid_request` naming the field. */
  parseRequest(body: unknown, options?: ParseRequestOptions): ChatRequest;
  /** Format a complete answer as this protocol's response body. */
  formatResponse(response: ChatResponse, context: InboundContext): JsonObject;
  /** A fresh encoder for one streamed answer. */
  createStreamEncoder(context: InboundContext): StreamEncoder;
  /** Render any FluxError as this protocol's error body and status. */
  formatError(error: FluxError): FormattedError;

  // --- outbound: the provider's side ----------------------------------------------------
  /** Build the upstream HTTP request for an IR request. */
  buildRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest;
  /**
   * Build the upstream request from the client's own body, unchanged but for the model and
   * what streaming needs (same-protocol fast path: nothing the IR does not model is lost).
   */
  buildPassthroughRequest(body: JsonObject, target: UpstreamTarget): UpstreamRequest;
  /** Parse a complete upstream response body (already JSON-parsed). Throws FluxError `upstream_protocol`. */
  parseResponse(body: unknown): ChatResponse;
  /** A fresh decoder for one upstream stream. */
  createStreamDecoder(): StreamDecoder;
  /**
   * Optional: a fresh verbatim passthrough for one upstream stream in this same protocol, for
   * a client that speaks it too (`context` is that client's request). Without it, such streams
   * are decoded and re-encoded, and fields the IR does not model are lost.
   */
  createStreamPassthrough?(context: InboundContext): StreamPassthrough;
  /** Read an upstream error answer (status >= 400) into a classified FluxError. */
  parseError(status: number, body: string, headers: HeaderReader): FluxError;
}
