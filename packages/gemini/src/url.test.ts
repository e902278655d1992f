import { describe, expect, it } from 'vitest';
import { buildGeminiUrl } from './url.js';

const url = (baseURL: string, model: string, stream = false) => buildGeminiUrl({ baseURL, model, stream });

describe('buildGeminiUrl', () => {
  it('appends /v1beta and the generateContent action to a bare host', () => {
    expect(url('https://generativelanguage.googleapis.com', 'gemini-2.5-flash')).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
    );
  });

  it('asks for SSE on the stream action', () => {
    expect(url('https://generativelanguage.googleapis.com', 'gemini-2.5-flash', true)).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it.each([
    ['https://generativelanguage.googleapis.com/v1beta', 'https://generativelanguage.googleapis.com/v1beta/models/m:generateContent'],
    ['https://generativelanguage.googleapis.com/v1beta/', 'https://generativelanguage.googleapis.com/v1beta/models/m:generateContent'],
    ['https://generativelanguage.googleapis.com/v1', 'https://generativelanguage.googleapis.com/v1/models/m:generateContent'],
    ['https://proxy.example.com/google/v1alpha//', 'https://proxy.example.com/google/v1alpha/models/m:generateContent'],
    ['https://generativelanguage.googleapis.com///', 'https://generativelanguage.googleapis.com/v1beta/models/m:generateContent'],
  ])('keeps the version segment of %s without doubling it', (base, expected) => {
    expect(url(base, 'm')).toBe(expected);
  });

  it('does not double a models/ prefix on the model', () => {
    expect(url('https://g.example', 'models/gemini-2.5-pro')).toBe('https://g.example/v1beta/models/gemini-2.5-pro:generateContent');
  });

  it('URL-encodes the model id', () => {
    expect(url('https://g.example', 'my model?x#y')).toBe('https://g.example/v1beta/models/my%20model%3Fx%23y:generateContent');
  });

  it('keeps the tunedModels collection', () => {
    expect(url('https://g.example', 'tunedModels/abc-123')).toBe('https://g.example/v1beta/tunedModels/abc-123:generateContent');
  });
});
