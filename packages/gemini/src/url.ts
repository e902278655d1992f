import type { UpstreamTarget } from '@fluxcore/message';

/** The API version used when the base URL names none. */
export const GEMINI_API_VERSION = 'v1beta';

/**
 * `{base}/v1beta/models/{model}:generateContent` (or `:streamGenerateContent?alt=sse`).
 * - A base URL that already ends in a version segment (`/v1`, `/v1beta`, `/v1alpha`) is used
 *   as is; otherwise `/v1beta` is appended. Trailing slashes never double.
 * - A `models/` prefix on the model is not repeated; `tunedModels/x` keeps its own collection.
 * - The model id is URL-encoded. The key never goes in the URL.
 */
export function buildGeminiUrl(target: Pick<UpstreamTarget, 'baseURL' | 'model' | 'stream'>): string {
  const base = target.baseURL.replace(/\/+$/, '');
  const versioned = /\/v\d+(?:(?:alpha|beta)\d*)?$/.test(base) ? base : `${base}/${GEMINI_API_VERSION}`;
  const action = target.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return `${versioned}/${modelPath(target.model)}:${action}`;
}

function modelPath(model: string): string {
  const name = model.replace(/^\/+/, '');
  const tuned = /^tunedModels\/(.+)$/.exec(name);
  if (tuned !== null) return `tunedModels/${encodeURIComponent(tuned[1]!)}`;
  return `models/${encodeURIComponent(name.replace(/^models\//, ''))}`;
}
