import { describe, expect, it } from 'vitest';
import { matchRoute, ROUTES } from './routes.js';

describe('matchRoute', () => {
  it.each([
    ['/v1/chat/completions', ROUTES.openaiChat],
    ['/v1/messages', ROUTES.anthropicMessages],
    ['/v2/chat', ROUTES.cohereChat],
    ['/v1/chat', ROUTES.cohereV1Chat],
    ['/v1/models', ROUTES.listModels],
    ['/v1beta/models', ROUTES.listGeminiModels],
    ['/healthz', ROUTES.health],
    ['/metrics', ROUTES.metrics],
    ['/v1/messages/', ROUTES.anthropicMessages],
  ])('maps %s to its route', (path, route) => {
    expect(matchRoute(path)).toEqual({ route });
  });

  it('reads the model and streaming from Gemini paths, under /v1beta and /v1, percent-decoded', () => {
    expect(matchRoute('/v1beta/models/gemini-2.5-flash:generateContent')).toEqual({ route: ROUTES.geminiGenerate, model: 'gemini-2.5-flash', stream: false });
    expect(matchRoute('/v1beta/models/my%20model:streamGenerateContent')).toEqual({ route: ROUTES.geminiStream, model: 'my model', stream: true });
    expect(matchRoute('/v1/models/flash:streamGenerateContent')).toEqual({ route: ROUTES.geminiV1Stream, model: 'flash', stream: true });
    expect(matchRoute('/v1/models/flash:generateContent')).toEqual({ route: ROUTES.geminiV1Generate, model: 'flash', stream: false });
  });

  it('reads GET /v1/models/{model} as a model lookup', () => {
    expect(matchRoute('/v1/models/gpt-4.1')).toEqual({ route: ROUTES.getModel, model: 'gpt-4.1' });
  });

  it('returns null for a model part that is not valid percent-encoding', () => {
    expect(matchRoute('/v1beta/models/%E0%A4%A:generateContent')).toBeNull();
  });

  it.each(['/', '/v1', '/v1/completions', '/v1beta/models/x:countTokens', '/v1beta/models/:generateContent', '/v1beta/models/flash'])(
    'knows nothing of %s',
    (path) => {
      expect(matchRoute(path)).toBeUndefined();
    },
  );
});
