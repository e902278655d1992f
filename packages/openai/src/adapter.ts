import type { ProtocolAdapter } from '@fluxcore/message';
import { buildPassthroughRequest, buildRequest } from './build-request.js';
import { azureEndpoint, openaiEndpoint, type AzureOpenAIOptions, type EndpointStyle } from './endpoint.js';
import { formatError, parseError } from './errors.js';
import { PROTOCOL } from './extras.js';
import { formatResponse } from './format-response.js';
import { parseRequest } from './parse-request.js';
import { parseResponse } from './parse-response.js';
import { OpenAIStreamDecoder } from './stream-decoder.js';
import { OpenAIStreamEncoder } from './stream-encoder.js';
import { createOpenAIPassthrough } from './stream-passthrough.js';

/** The provider family (Chat Completions carries no signatures, so nothing is ever sent back under it). */
const FAMILY = 'openai';

function createAdapter(style: EndpointStyle): ProtocolAdapter {
  return {
    name: PROTOCOL,
    family: FAMILY,
    streamContentType: 'text/event-stream',
    parseRequest: (body) => parseRequest(body),
    formatResponse,
    createStreamEncoder: (context) => new OpenAIStreamEncoder(context),
    formatError,
    buildRequest: (request, target) => buildRequest(request, target, style),
    buildPassthroughRequest: (body, target) => buildPassthroughRequest(body, target, style),
    parseResponse,
    createStreamDecoder: () => new OpenAIStreamDecoder(),
    createStreamPassthrough: createOpenAIPassthrough,
    parseError,
  };
}

/**
 * The OpenAI Chat Completions protocol, for OpenAI and OpenAI-compatible services (Mistral,
 * Groq, DeepSeek, Zhipu GLM, vLLM, ...). The upstream URL follows the base-URL rule of
 * {@link chatCompletionsURL}; the key goes in `Authorization: Bearer`.
 */
export const openai: ProtocolAdapter = createAdapter(openaiEndpoint);

/**
 * The same protocol for Azure OpenAI deployments. Use it as a key's `protocol` with the
 * deployment URL as `baseURL`:
 *
 * ```ts
 * { baseURL: 'https://my-resource.openai.azure.com/openai/deployments/gpt-4o', apiKey, protocol: azureOpenAI({ apiVersion: '2024-10-21' }) }
 * ```
 *
 * Requests go to `{baseURL}/chat/completions?api-version=...` with the key in `api-key`.
 * Its `name` is `openai`, so an OpenAI client is served by passthrough.
 */
export function azureOpenAI(options: AzureOpenAIOptions): ProtocolAdapter {
  return createAdapter(azureEndpoint(options));
}
