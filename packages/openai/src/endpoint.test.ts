import { FluxError } from '@fluxcore/errors';
import type { ChatRequest, UpstreamTarget } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { memoByBaseURL } from './endpoint.js';
import { azureOpenAI, chatCompletionsURL, openai } from './index.js';

const request: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false };
const target = (baseURL: string, extra: Partial<UpstreamTarget> = {}): UpstreamTarget => ({
  baseURL,
  apiKey: 'sk-test-key',
  model: 'm',
  stream: false,
  ...extra,
});

describe('chatCompletionsURL', () => {
  const services: Array<[string, string, string]> = [
    ['OpenAI', 'https://api.openai.com', 'https://api.openai.com/v1/chat/completions'],
    ['OpenAI with /v1/', 'https://api.openai.com/v1/', 'https://api.openai.com/v1/chat/completions'],
    ['Mistral', 'https://api.mistral.ai', 'https://api.mistral.ai/v1/chat/completions'],
    ['Groq', 'https://api.groq.com/openai/v1', 'https://api.groq.com/openai/v1/chat/completions'],
    ['DeepSeek', 'https://api.deepseek.com', 'https://api.deepseek.com/v1/chat/completions'],
    ['Zhipu GLM-4', 'https://open.bigmodel.cn/api/paas/v4/', 'https://open.bigmodel.cn/api/paas/v4/chat/completions'],
    ['a path without version', 'http://127.0.0.1:8000/proxy/', 'http://127.0.0.1:8000/proxy/v1/chat/completions'],
    ['a beta version segment', 'https://example.com/api/v1beta', 'https://example.com/api/v1beta/chat/completions'],
    ['a full endpoint URL', 'https://example.com/v1/chat/completions/', 'https://example.com/v1/chat/completions'],
    ['several trailing slashes', 'https://api.mistral.ai///', 'https://api.mistral.ai/v1/chat/completions'],
    ['a query string', 'https://gw.example.com/v1?tenant=7', 'https://gw.example.com/v1/chat/completions?tenant=7'],
  ];
  it.each(services)('builds the URL for %s', (_name, base, url) => {
    expect(chatCompletionsURL(base)).toBe(url);
    expect(openai.buildRequest(request, target(base)).url).toBe(url);
  });

  it('rejects a base URL that is not a URL', () => {
    expect(() => chatCompletionsURL('api.openai.com')).toThrow(FluxError);
  });
});

describe('upstream headers', () => {
  it('sends the key as a bearer token with JSON content type', () => {
    expect(openai.buildRequest(request, target('https://api.openai.com')).headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: 'Bearer sk-test-key',
    });
  });

  it('asks for an event stream when streaming and lets the key headers override', () => {
    const headers = openai.buildRequest(
      request,
      target('https://api.openai.com', { stream: true, headers: { 'OpenAI-Project': 'p1', Accept: 'text/plain' } }),
    ).headers;
    expect(headers).toMatchObject({ accept: 'text/plain', 'openai-project': 'p1', authorization: 'Bearer sk-test-key' });
  });

  it('sends no authorization header for an empty key (local servers)', () => {
    expect(openai.buildRequest(request, target('http://127.0.0.1:8000', { apiKey: '' })).headers.authorization).toBeUndefined();
  });
});

describe('azureOpenAI', () => {
  const azure = azureOpenAI({ apiVersion: '2024-10-21' });
  const deployment = 'https://my-resource.openai.azure.com/openai/deployments/gpt-4o';

  it('posts to the deployment with api-version and the key in api-key', () => {
    const built = azure.buildRequest(request, target(`${deployment}/`));
    expect(built.url).toBe(`${deployment}/chat/completions?api-version=2024-10-21`);
    expect(built.headers['api-key']).toBe('sk-test-key');
    expect(built.headers.authorization).toBeUndefined();
  });

  it('is the openai protocol, so OpenAI clients are served by passthrough', () => {
    expect(azure.name).toBe('openai');
    expect(azure.family).toBe('openai');
    const built = azure.buildPassthroughRequest({ model: 'x', messages: [] }, target(deployment));
    expect(built.url).toBe(`${deployment}/chat/completions?api-version=2024-10-21`);
  });

  it('requires an api version', () => {
    expect(() => azureOpenAI({ apiVersion: '' })).toThrow(/apiVersion/);
  });
});

describe('memoByBaseURL', () => {
  it('derives a value once per base URL', () => {
    const seen: string[] = [];
    const derive = memoByBaseURL((base) => {
      seen.push(base);
      return `${base}/v1/chat/completions`;
    });
    expect(derive('http://a')).toBe('http://a/v1/chat/completions');
    expect(derive('http://a')).toBe('http://a/v1/chat/completions');
    expect(derive('http://b')).toBe('http://b/v1/chat/completions');
    expect(seen).toEqual(['http://a', 'http://b']);
  });

  it('throws again for a base URL that failed, instead of remembering it', () => {
    let calls = 0;
    const derive = memoByBaseURL((): string => {
      calls++;
      throw new Error('not a URL');
    });
    expect(() => derive('nope')).toThrow('not a URL');
    expect(() => derive('nope')).toThrow('not a URL');
    expect(calls).toBe(2);
  });

  it('starts over once it knows 64 base URLs, and still answers correctly', () => {
    let calls = 0;
    const derive = memoByBaseURL((base) => {
      calls++;
      return base.length;
    });
    for (let i = 0; i < 65; i++) derive(`http://host-${i}`);
    expect(calls).toBe(65);
    expect(derive('http://host-64')).toBe('http://host-64'.length);
    expect(calls).toBe(65);
    expect(derive('http://host-0')).toBe('http://host-0'.length);
    expect(calls).toBe(66);
  });
});
