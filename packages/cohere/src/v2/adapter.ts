import { createFramePassthrough, type ProtocolAdapter } from '@fluxcore/message';
import { formatCohereError, parseCohereError } from '../shared/errors.js';
import { coherePassthrough } from '../shared/upstream-request.js';
import { buildCohereRequest } from './build-request.js';
import { CohereStreamDecoder } from './stream-decoder.js';
import { CohereStreamEncoder } from './stream-encoder.js';
import { PROTOCOL } from './names.js';
import { parseCohereRequest } from './parse-request.js';
import { formatCohereResponse } from './format-response.js';
import { parseCohereResponse } from './parse-response.js';

/**
 * Cohere Chat v2 (`POST /v2/chat`, SSE streams with `event:` lines), both directions.
 * Pass it as a key's `protocol` to call Cohere, or as the client protocol of `request()` to
 * serve Cohere v2 clients.
 */
export const cohere: ProtocolAdapter = {
  name: PROTOCOL,
  family: 'cohere',
  streamContentType: 'text/event-stream',
  parseRequest: (body) => parseCohereRequest(body),
  formatResponse: (response) => formatCohereResponse(response),
  createStreamEncoder: () => new CohereStreamEncoder(),
  formatError: formatCohereError,
  buildRequest: buildCohereRequest,
  buildPassthroughRequest: (body, target) => coherePassthrough(body, target, 'v2'),
  parseResponse: parseCohereResponse,
  createStreamDecoder: () => new CohereStreamDecoder(),
  // Same protocol on both sides: events verbatim (citations, logprobs, ...).
  createStreamPassthrough: () => createFramePassthrough({ framing: 'sse', decoder: new CohereStreamDecoder() }),
  parseError: parseCohereError,
};
