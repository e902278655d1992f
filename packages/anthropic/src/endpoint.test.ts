import { describe, expect, it } from 'vitest';
import { messagesURL } from './endpoint.js';

describe('messagesURL', () => {
  it.each([
    ['https://api.anthropic.com', 'https://api.anthropic.com/v1/messages'],
    ['https://api.anthropic.com/', 'https://api.anthropic.com/v1/messages'],
    ['https://api.anthropic.com/v1', 'https://api.anthropic.com/v1/messages'],
    ['https://api.anthropic.com/v1//', 'https://api.anthropic.com/v1/messages'],
    ['https://proxy.example.com/anthropic', 'https://proxy.example.com/anthropic/v1/messages'],
    ['http://127.0.0.1:8080/v1/', 'http://127.0.0.1:8080/v1/messages'],
  ])('builds %s into %s', (base, url) => {
    expect(messagesURL(base)).toBe(url);
  });
});
