import { classifyHttp, type FluxError } from '@fluxcore/errors';
import { upstreamProtocol, type FormattedError, type HeaderReader } from '@fluxcore/message';

/** An Ollama answer this adapter cannot read: `upstream_protocol`, the message starting `ollama <path>`. */
export const invalidUpstream = upstreamProtocol('ollama');

/**
 * Any FluxError as Ollama's error answer: `{"error": "<message>"}` with the status fluxcore's
 * category carries (Ollama itself uses the plain HTTP meanings: 400, 404, 500, ...).
 */
export function formatOllamaError(error: FluxError): FormattedError {
  const formatted: FormattedError = { status: error.status, body: { error: error.message } };
  if (error.retryAfterMs !== undefined) formatted.headers = { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) };
  return formatted;
}

/** Ollama's `{"error": "..."}` answers carry no code: the status and the message classify them. */
export function parseOllamaError(status: number, body: string, headers: HeaderReader): FluxError {
  return classifyHttp(status, body, headers);
}
