import type { ChatRequest, JsonObject } from '@fluxcore/message';
import { fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { gemini } from './adapter.js';
import { SKIP_SIGNATURE_VALIDATION } from './signature.js';

const target = { baseURL: 'https://generativelanguage.googleapis.com/', apiKey: 'AIzaSyTEST-not-a-real-key-000000', model: 'gemini-2.5-flash', stream: false };

function body(request: ChatRequest, model = target.model): JsonObject {
  return JSON.parse(gemini.buildRequest(request, { ...target, model }).body) as JsonObject;
}

/** A conversation as an OpenAI or Anthropic client would send it: ids, no Gemini extras. */
const foreignConversation: ChatRequest = {
  stream: false,
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Oslo and Bergen?' },
        { type: 'image', source: { kind: 'url', url: 'https://img.example.com/map.PNG?size=2' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Anthropic thinking', signature: { family: 'anthropic', value: 'EqQBCkYIBxgCKkB' } },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'call_oslo', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'tool-call', id: 'toolu_bergen', name: 'get_weather', arguments: '' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_oslo', content: [{ type: 'text', text: '{"temp_c":4}' }] },
        { type: 'tool-result', toolCallId: 'toolu_bergen', content: [{ type: 'text', text: 'station offline' }], isError: true },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    { role: 'system', content: [{ type: 'text', text: 'Answer in Norwegian.' }] },
  ],
};

describe('gemini.buildRequest', () => {
  it('posts to the model URL with the key only in x-goog-api-key', () => {
    const built = gemini.buildRequest(foreignConversation, { ...target, headers: { 'X-Extra': '1' } });
    expect(built.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent');
    expect(built.method).toBe('POST');
    expect(built.headers).toEqual({ 'content-type': 'application/json', 'x-goog-api-key': target.apiKey, 'x-extra': '1' });
    expect(built.url).not.toContain(target.apiKey);
    expect(built.body).not.toContain(target.apiKey);
  });

  it('asks for SSE when streaming', () => {
    expect(gemini.buildRequest(foreignConversation, { ...target, stream: true }).url).toMatch(/:streamGenerateContent\?alt=sse$/);
  });

  it('refuses to build a URL without a model', () => {
    expect(() => gemini.buildRequest(foreignConversation, { ...target, model: '' })).toThrow(
      expect.objectContaining({ category: 'invalid_request', param: 'model' }),
    );
  });

  it('hoists every system message into systemInstruction', () => {
    expect(body(foreignConversation).systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Answer in Norwegian.' }] });
  });

  it('sends model turns, merges tool results with the next user text, and names each result after its call', () => {
    const contents = body(foreignConversation).contents as JsonObject[];
    expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1]).toEqual({
      role: 'model',
      parts: [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }, { functionCall: { name: 'get_weather', args: {} } }],
    });
    expect(contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { temp_c: 4 } } },
        { functionResponse: { name: 'get_weather', response: { error: 'station offline' } } },
        { text: 'Thanks' },
      ],
    });
  });

  it('never sends another family’s reasoning or signature', () => {
    expect(JSON.stringify(body(foreignConversation))).not.toContain('EqQBCkYIBxgCKkB');
    expect(JSON.stringify(body(foreignConversation))).not.toContain('Anthropic thinking');
  });

  it('sends Gemini signatures back on the same parts', () => {
    const request: ChatRequest = {
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'thinking', signature: { family: 'gemini', value: 'r-sig' } },
            { type: 'tool-call', id: 'x', name: 'f', arguments: '{}', signature: { family: 'gemini', value: 'c-sig' } },
            { type: 'text', text: '', signature: { family: 'gemini', value: 't-sig' } },
          ],
        },
      ],
    };
    expect((body(request).contents as JsonObject[])[1]?.parts).toEqual([
      { text: 'thinking', thought: true, thoughtSignature: 'r-sig' },
      { functionCall: { name: 'f', args: {} }, thoughtSignature: 'c-sig' },
      { text: '', thoughtSignature: 't-sig' },
    ]);
  });

  it('marks the first unsigned function call of a turn for Gemini 3 with the documented bypass', () => {
    const parts = (body(foreignConversation, 'gemini-3-pro-preview').contents as JsonObject[])[1]?.parts as JsonObject[];
    expect(parts[1]?.thoughtSignature).toBe(SKIP_SIGNATURE_VALIDATION);
    expect(parts[2]?.thoughtSignature).toBeUndefined();
    expect(((body(foreignConversation).contents as JsonObject[])[1]?.parts as JsonObject[])[1]?.thoughtSignature).toBeUndefined();
  });

  it('infers a MIME type for image URLs from the extension and defaults documents to PDF', () => {
    const parts = (body(foreignConversation).contents as JsonObject[])[0]?.parts as JsonObject[];
    expect(parts[1]).toEqual({ fileData: { mimeType: 'image/png', fileUri: 'https://img.example.com/map.PNG?size=2' } });
    const request: ChatRequest = {
      stream: false,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'url', url: 'https://img.example.com/photo' } },
            { type: 'file', source: { kind: 'url', url: 'https://docs.example.com/download?id=3' } },
            { type: 'image', source: { kind: 'url', url: 'data:image/webp;base64,UklGRg==' } },
          ],
        },
      ],
    };
    expect((body(request).contents as JsonObject[])[0]?.parts).toEqual([
      { fileData: { mimeType: 'image/jpeg', fileUri: 'https://img.example.com/photo' } },
      { fileData: { mimeType: 'application/pdf', fileUri: 'https://docs.example.com/download?id=3' } },
      { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } },
    ]);
  });

  it('does not take an extension named like an Object member (.constructor) for a MIME type', () => {
    const request: ChatRequest = {
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://docs.example.com/a.constructor' } }] }],
    };
    expect((body(request).contents as JsonObject[])[0]?.parts).toEqual([
      { fileData: { mimeType: 'application/pdf', fileUri: 'https://docs.example.com/a.constructor' } },
    ]);
  });

  it('falls back to the result’s own tool name, and rejects a result it cannot name', () => {
    const named: ChatRequest = {
      stream: false,
      messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'lost', toolName: 'f', content: [{ type: 'text', text: 'ok' }] }] }],
    };
    expect((body(named).contents as JsonObject[])[0]?.parts).toEqual([{ functionResponse: { name: 'f', response: { output: 'ok' } } }]);
    const orphan: ChatRequest = { stream: false, messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'lost', content: [] }] }] };
    expect(() => body(orphan)).toThrow(expect.objectContaining({ category: 'invalid_request', param: 'messages[0].content[0].toolCallId' }));
  });

  it('rejects tool-call arguments that are not a JSON object, naming the part', () => {
    const request: ChatRequest = { stream: false, messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'a', name: 'f', arguments: '[1,2' }] }] };
    expect(fluxErrorOf(() => body(request)).param).toBe('messages[0].content[0].arguments');
  });

  it('maps tools, tool choice and sampling settings, keeping 0 values', () => {
    const request: ChatRequest = {
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }],
      tools: [{ name: 'f', description: 'does f', parameters: { type: 'object', additionalProperties: false }, strict: true }],
      toolChoice: { type: 'tool', name: 'f' },
      parallelToolCalls: false,
      maxTokens: 0,
      temperature: 0,
      topP: 0,
      topK: 0,
      seed: 0,
      stopSequences: ['STOP'],
      presencePenalty: 0,
      frequencyPenalty: 0.5,
      responseFormat: { type: 'json', schema: { type: 'object' } },
      user: 'end-user-1',
    };
    const built = body(request);
    expect(built.tools).toEqual([
      { functionDeclarations: [{ name: 'f', description: 'does f', parametersJsonSchema: { type: 'object', additionalProperties: false } }] },
    ]);
    expect(built.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } });
    expect(built.generationConfig).toEqual({
      maxOutputTokens: 0,
      temperature: 0,
      topP: 0,
      topK: 0,
      stopSequences: ['STOP'],
      seed: 0,
      presencePenalty: 0,
      frequencyPenalty: 0.5,
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object' },
    });
    expect(JSON.stringify(built)).not.toContain('end-user-1');
  });

  it.each([
    [{ type: 'auto' }, { mode: 'AUTO' }],
    [{ type: 'none' }, { mode: 'NONE' }],
    [{ type: 'required' }, { mode: 'ANY' }],
  ] as const)('maps tool choice %j', (toolChoice, functionCallingConfig) => {
    expect(body({ stream: false, messages: [], toolChoice }).toolConfig).toEqual({ functionCallingConfig });
  });

  it.each([
    [{ enabled: false }, 'gemini-2.5-flash', { thinkingBudget: 0 }],
    [{ budgetTokens: 3000, includeThoughts: true }, 'gemini-2.5-flash', { thinkingBudget: 3000, includeThoughts: true }],
    [{ effort: 'medium' }, 'gemini-2.5-flash', { thinkingBudget: 4096 }],
    [{ effort: 'low' }, 'gemini-3-flash-preview', { thinkingLevel: 'LOW' }],
  ] as const)('maps reasoning %j for %s to thinkingConfig', (reasoning, model, thinkingConfig) => {
    expect(body({ stream: false, messages: [], reasoning }, model).generationConfig).toEqual({ thinkingConfig });
  });
});

describe('gemini.buildPassthroughRequest', () => {
  it('forwards the client body unchanged, with the model only in the URL', () => {
    const client = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], labels: { team: 'a' }, model: 'models/other' };
    const built = gemini.buildPassthroughRequest(client, { ...target, model: 'models/gemini-2.5-pro', stream: true });
    expect(built.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(JSON.parse(built.body)).toEqual({ contents: client.contents, labels: { team: 'a' } });
    expect(built.headers['x-goog-api-key']).toBe(target.apiKey);
  });
});
