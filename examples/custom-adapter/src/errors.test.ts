import { FluxError } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import { ollama } from './adapter.js';

const headers = (values: Record<string, string> = {}) => ({ get: (name: string) => values[name] });

describe('ollama errors', () => {
  it("renders any FluxError as Ollama's {error} body with the category's status", () => {
    expect(ollama.formatError(new FluxError({ category: 'not_found', message: "model 'x' not found" }))).toEqual({
      status: 404,
      body: { error: "model 'x' not found" },
    });
    const limited = ollama.formatError(new FluxError({ category: 'rate_limit', message: 'slow down', retryAfterMs: 1500 }));
    expect(limited).toEqual({ status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '2' } });
  });

  it('classifies an Ollama error answer by its status and reads its message', () => {
    expect(ollama.parseError(404, '{"error":"model \\"llama9\\" not found, try pulling it first"}', headers())).toMatchObject({
      category: 'not_found',
      message: 'model "llama9" not found, try pulling it first',
      upstreamStatus: 404,
    });
    expect(ollama.parseError(503, '{"error":"server busy"}', headers({ 'retry-after': '3' }))).toMatchObject({ category: 'overloaded', retryAfterMs: 3000 });
    expect(ollama.parseError(500, 'not json', headers())).toMatchObject({ category: 'server' });
  });
});
