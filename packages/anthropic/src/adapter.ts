import { createFramePassthrough, type ProtocolAdapter } from '@fluxcore/message';
import { buildPassthroughRequest, buildRequest } from './build-request.js';
import { formatError, parseError } from './errors.js';
import { formatResponse } from './format-response.js';
import { parseRequest } from './parse-request.js';
import { parseResponse } from './parse-response.js';
import { AnthropicStreamDecoder } from './stream-decoder.js';
import { AnthropicStreamEncoder } from './stream-encoder.js';

/** The Anthropic Messages protocol (`POST /v1/messages`, `anthropic-version: 2023-06-01`), both directions. */
export const anthropic: ProtocolAdapter = {
  name: 'anthropic',
  family: 'anthropic',
  streamContentType: 'text/event-stream',
  parseRequest: (body) => parseRequest(body),
  formatResponse,
  createStreamEncoder: (context) => new AnthropicStreamEncoder(context),
  formatError,
  buildRequest,
  buildPassthroughRequest,
  parseResponse,
  createStreamDecoder: () => new AnthropicStreamDecoder(),
  // Same protocol on both sides: events verbatim (citations, server tool blocks, container, ...).
  createStreamPassthrough: () => createFramePassthrough({ framing: 'sse', decoder: new AnthropicStreamDecoder() }),
  parseError,
};
