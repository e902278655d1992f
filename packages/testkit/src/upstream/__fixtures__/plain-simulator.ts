import type { ProviderSimulator } from '@fluxcore/adapter-kit';

/**
 * A deliberately tiny wire format for testing the upstream server itself (HTTP, faults,
 * backpressure), independent of any real provider: `POST /chat` with `{"stream": bool}`,
 * SSE frames `data: {"text":"..."}` and a final `data: [END]`.
 */
export const plainSimulator: ProviderSimulator = {
  protocol: 'plain',
  streamContentType: 'text/event-stream',
  route: (call) => (call.path === '/chat' ? { stream: (call.body as { stream?: boolean } | undefined)?.stream === true } : undefined),
  apiKeyOf: (call) => {
    const auth = call.headers.authorization;
    return typeof auth === 'string' ? auth.replace(/^Bearer /, '') : undefined;
  },
  renderResponse: (scenario, model) => ({ model, text: scenario.text ?? '' }),
  renderStream: (scenario) => {
    const text = scenario.text ?? '';
    const size = scenario.chunkSize ?? 4;
    const frames: string[] = [];
    for (let i = 0; i < text.length; i += size) frames.push(`data: ${JSON.stringify({ text: text.slice(i, i + size) })}\n\n`);
    frames.push('data: [END]\n\n');
    return frames;
  },
  renderError: (kind, status, message) => ({ error: { kind, status, message } }),
  renderStreamError: (kind, message) => `event: error\ndata: ${JSON.stringify({ kind, message })}\n\n`,
};
