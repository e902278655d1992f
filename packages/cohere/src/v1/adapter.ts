import { createFramePassthrough, type ProtocolAdapter } from '@fluxcore/message';
import { formatCohereError, parseCohereError } from '../shared/errors.js';
import { coherePassthrough } from '../shared/upstream-request.js';
import { buildCohereV1Request } from './build-request.js';
import { CohereV1StreamDecoder } from './stream-decoder.js';
import { CohereV1StreamEncoder } from './stream-encoder.js';
import { PROTOCOL } from './names.js';
import { parseCohereV1Request } from './parse-request.js';
import { formatCohereV1Response } from './format-response.js';
import { parseCohereV1Response } from './parse-response.js';

/**
 * Cohere Chat v1 (`POST /v1/chat`, newline-delimited JSON streams), both directions. This is
 * the protocol of fluxcore's Go original. v1 tool calls have no ids: fluxcore derives stable
 * ones from the tool name and parameters.
 */
export const cohereV1: ProtocolAdapter = {
  name: PROTOCOL,
  family: 'cohere',
  streamContentType: 'application/stream+json',
  parseRequest: (body) => parseCohereV1Request(body),
  formatResponse: (response) => formatCohereV1Response(response),
  createStreamEncoder: () => new CohereV1StreamEncoder(),
  formatError: formatCohereError,
  buildRequest: buildCohereV1Request,
  buildPassthroughRequest: (body, target) => coherePassthrough(body, target, 'v1'),
  parseResponse: parseCohereV1Response,
  createStreamDecoder: () => new CohereV1StreamDecoder(),
  // Same protocol on both sides: lines verbatim (citations, search results, documents, ...).
  createStreamPassthrough: () => createFramePassthrough({ framing: 'ndjson', decoder: new CohereV1StreamDecoder() }),
  parseError: parseCohereError,
};
