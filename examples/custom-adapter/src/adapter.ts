import type { ProtocolAdapter } from '@fluxcore/message';
import { buildOllamaPassthrough, buildOllamaRequest } from './build-request.js';
import { formatOllamaError, parseOllamaError } from './errors.js';
import { formatOllamaResponse } from './format-response.js';
import { PROTOCOL } from './names.js';
import { parseOllamaRequest } from './parse-request.js';
import { parseOllamaResponse } from './parse-response.js';
import { OllamaStreamDecoder } from './stream-decoder.js';
import { OllamaStreamEncoder } from './stream-encoder.js';

/**
 * Ollama's native chat protocol (`POST /api/chat`, newline-delimited JSON streams), both
 * directions. As a key's `protocol` it calls an Ollama server; as the inbound adapter of
 * `request`/`requestStream` it serves Ollama clients from any endpoint of a pool.
 */
export const ollama: ProtocolAdapter = {
  name: PROTOCOL,
  family: PROTOCOL,
  streamContentType: 'application/x-ndjson',
  parseRequest: parseOllamaRequest,
  formatResponse: (response) => formatOllamaResponse(response),
  createStreamEncoder: (context) => new OllamaStreamEncoder(context),
  formatError: formatOllamaError,
  buildRequest: buildOllamaRequest,
  buildPassthroughRequest: buildOllamaPassthrough,
  parseResponse: parseOllamaResponse,
  createStreamDecoder: () => new OllamaStreamDecoder(),
  parseError: parseOllamaError,
};
