import type { ProtocolName } from '@fluxcore/testkit';
import { anthropicRequests } from './anthropic.js';
import type { RequestBook } from './book.js';
import { cohereV1Requests } from './cohere-v1.js';
import { cohereRequests } from './cohere.js';
import { geminiRequests } from './gemini.js';
import { openaiRequests } from './openai.js';

/** The hand-written client requests of every protocol. */
export const REQUESTS: Readonly<Record<ProtocolName, RequestBook>> = {
  openai: openaiRequests,
  anthropic: anthropicRequests,
  gemini: geminiRequests,
  cohere: cohereRequests,
  'cohere-v1': cohereV1Requests,
};

export { CLIENT_SIGNATURES, isInexpressible, type Inexpressible, type RequestBook } from './book.js';
