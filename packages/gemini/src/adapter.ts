import type { ProtocolAdapter } from '@fluxcore/message';
import { buildGeminiPassthroughRequest, buildGeminiRequest } from './build-request.js';
import { formatGeminiError, parseGeminiError } from './errors.js';
import { formatGeminiResponse } from './format-response.js';
import { parseGeminiRequest } from './parse-request.js';
import { parseGeminiResponse } from './parse-response.js';
import { GEMINI_FAMILY } from './signature.js';
import { createGeminiStreamDecoder } from './stream-decoder.js';
import { createGeminiStreamEncoder } from './stream-encoder.js';
import { createGeminiPassthrough } from './stream-passthrough.js';

/**
 * The Gemini Developer API protocol (`v1beta` `generateContent` and
 * `streamGenerateContent?alt=sse`), both directions. Inbound, the model and streaming come
 * from the URL: pass them as `parseRequest(body, { model, stream })`.
 */
export const gemini: ProtocolAdapter = {
  name: 'gemini',
  family: GEMINI_FAMILY,
  streamContentType: 'text/event-stream',
  parseRequest: parseGeminiRequest,
  formatResponse: formatGeminiResponse,
  createStreamEncoder: createGeminiStreamEncoder,
  formatError: formatGeminiError,
  buildRequest: buildGeminiRequest,
  buildPassthroughRequest: buildGeminiPassthroughRequest,
  parseResponse: parseGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
  createStreamPassthrough: createGeminiPassthrough,
  parseError: parseGeminiError,
};
