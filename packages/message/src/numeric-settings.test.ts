import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.js';
import { readNumericSettings, writeNumericSettings, type NumericSettingNames } from './numeric-settings.js';
import type { ChatRequest } from './request.js';
import { FieldReader, invalidRequest } from './wire-read.js';

const NAMES: NumericSettingNames = { max_tokens: 'maxTokens', temperature: 'temperature', p: 'topP' };

function read(body: JsonObject, kind?: 'number' | 'integer' | 'count'): ChatRequest {
  const request: ChatRequest = { messages: [], stream: false };
  readNumericSettings(new FieldReader(body, 'body', invalidRequest), NAMES, request, kind);
  return request;
}

describe('numeric settings', () => {
  it('reads the settings a body sends under their wire names, 0 included, and leaves the others unset', () => {
    expect(read({ max_tokens: 100, p: 0, other: 5 })).toEqual({ messages: [], stream: false, maxTokens: 100, topP: 0 });
  });

  it('fails naming the field when a setting is not of the kind the protocol wants', () => {
    expect(() => read({ temperature: 'hot' })).toThrowError(expect.objectContaining({ category: 'invalid_request', param: 'body.temperature' }) as Error);
    expect(() => read({ max_tokens: 1.5 }, 'integer')).toThrowError(expect.objectContaining({ param: 'body.max_tokens' }) as Error);
    expect(() => read({ max_tokens: -1 }, 'count')).toThrowError(expect.objectContaining({ param: 'body.max_tokens' }) as Error);
    expect(read({ max_tokens: 1.5 }).maxTokens).toBe(1.5);
  });

  it('writes the settings a request sets under their wire names, in the order of the table', () => {
    const body: JsonObject = { model: 'm' };
    writeNumericSettings({ messages: [], stream: false, topP: 0, maxTokens: 10, seed: 7 }, NAMES, body);
    expect(Object.entries(body)).toEqual([
      ['model', 'm'],
      ['max_tokens', 10],
      ['p', 0],
    ]);
  });
});
