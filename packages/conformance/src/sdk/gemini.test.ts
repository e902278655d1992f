import { FluxError } from '@fluxcore/errors';
import { gemini } from '@fluxcore/gemini';
import type { ChatRequest } from '@fluxcore/message';
import { sendError, startAdapterServer, type AdapterServer } from '@fluxcore/testkit';
import { ApiError, FunctionCallingConfigMode, GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerByModel, ERROR_MODELS } from './__fixtures__/answer-by-model.js';

/**
 * @google/genai 2.32.0 as a real client of the adapter's inbound side: a local server reads the
 * model and streaming from the URL, parses the body with `gemini.parseRequest`, and answers
 * with `formatResponse`, the stream encoder, or `formatError`. The model name picks the answer.
 */

const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const API_KEY = 'gemini-test-key-not-real';

/** What the server saw last: the parsed request, and where the key travelled. */
const seen: { request?: ChatRequest; keyHeader?: string; url?: string } = {};

let server: AdapterServer;
let ai: GoogleGenAI;

beforeAll(async () => {
  server = await startAdapterServer(gemini, async ({ req, body, res }) => {
    const url = new URL(req.url ?? '/', server.url);
    const route = ROUTE.exec(url.pathname);
    if (route === null) return sendError(res, gemini, new FluxError({ category: 'not_found', message: `no route ${url.pathname}` }));
    const request = gemini.parseRequest(JSON.parse(body), { model: decodeURIComponent(route[1]!), stream: route[2] === 'streamGenerateContent' });
    Object.assign(seen, { request, keyHeader: req.headers['x-goog-api-key'], url: req.url });
    await answerByModel(res, gemini, request);
  });
  ai = new GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: server.url, timeout: 5_000 } });
});

afterAll(() => server.close());

beforeEach(() => {
  delete seen.request;
});

async function collect(stream: AsyncGenerator<GenerateContentResponse>): Promise<GenerateContentResponse[]> {
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('@google/genai against the gemini adapter', () => {
  it('sends a request the adapter parses: system, tools, config, key in the header only', async () => {
    await ai.models.generateContent({
      model: 'text',
      contents: [{ role: 'user', parts: [{ text: 'Hi' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] }],
      config: {
        systemInstruction: 'Be brief.',
        temperature: 0,
        maxOutputTokens: 0,
        stopSequences: ['END'],
        tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }],
        toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: ['get_weather'] } },
        thinkingConfig: { thinkingBudget: 512, includeThoughts: true },
      },
    });
    expect(seen.keyHeader).toBe(API_KEY);
    expect(seen.url).not.toContain(API_KEY);
    expect(seen.request).toMatchObject({
      model: 'text',
      stream: false,
      temperature: 0,
      maxTokens: 0,
      stopSequences: ['END'],
      toolChoice: { type: 'tool', name: 'get_weather' },
      reasoning: { budgetTokens: 512, includeThoughts: true },
      tools: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    });
    expect(seen.request?.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
    ]);
  });

  it('parses a non-streamed answer: text, finish reason and usage', async () => {
    const response = await ai.models.generateContent({ model: 'text', contents: 'Hi' });
    expect(response.text).toBe('Hello from fluxcore');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.responseId).toBe('resp-text');
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 21,
      cachedContentTokenCount: 5,
      candidatesTokenCount: 6,
      thoughtsTokenCount: 3,
      totalTokenCount: 30,
    });
  });

  it('parses non-streamed parallel function calls with their arguments and ids', async () => {
    const response = await ai.models.generateContent({ model: 'tools', contents: 'Weather and time?' });
    expect(response.functionCalls).toEqual([
      { id: 'call_w', name: 'get_weather', args: { city: 'Paris' } },
      { id: 'call_t', name: 'get_time', args: { tz: 'CET' } },
    ]);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('streams text chunks, with the finish reason and usage on the last chunk', async () => {
    const chunks = await collect(await ai.models.generateContentStream({ model: 'text', contents: 'Hi' }));
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('Hello from fluxcore');
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata).toMatchObject({ promptTokenCount: 21, candidatesTokenCount: 6, thoughtsTokenCount: 3, totalTokenCount: 30 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.finishReason === undefined)).toBe(true);
  });

  it('streams each function call whole', async () => {
    const chunks = await collect(await ai.models.generateContentStream({ model: 'tools', contents: 'Weather and time?' }));
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
      { id: 'call_w', name: 'get_weather', args: { city: 'Paris' } },
      { id: 'call_t', name: 'get_time', args: { tz: 'CET' } },
    ]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('keeps a streamed turn in the chat history (every chunk is one the SDK accepts)', async () => {
    const chat = ai.chats.create({ model: 'text' });
    await collect(await chat.sendMessageStream({ message: 'Hi' }));
    const history = chat.getHistory(true);
    expect(history.map((content) => content.role)).toEqual(['user', 'model', 'model', 'model', 'model']);
    expect(
      history
        .flatMap((content) => content.parts ?? [])
        .map((part) => part.text ?? '')
        .join(''),
    ).toBe('HiHello from fluxcore');
  });

  it.each([
    ['err-400', 400],
    ['err-401', 401],
    ['err-403', 403],
    ['err-404', 404],
    ['err-429', 429],
    ['err-500', 502],
    ['err-503', 503],
  ] as const)('raises ApiError for %s, streaming or not', async (model, status) => {
    for (const call of [() => ai.models.generateContent({ model, contents: 'Hi' }), () => ai.models.generateContentStream({ model, contents: 'Hi' })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(status);
      expect((error as ApiError).message).toContain(`simulated ${ERROR_MODELS[model]}`);
    }
  });

  it('raises ApiError for our error body when the request itself is malformed', async () => {
    const error = await ai.models.generateContent({ model: 'text', contents: [{ role: 'narrator', parts: [{ text: 'x' }] }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('contents[0].role: expected');
  });

  it('raises ApiError for an error sent inside the stream, after the partial text', async () => {
    const stream = await ai.models.generateContentStream({ model: 'stream-error', contents: 'Hi' });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.text ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('partial');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).message).toContain('UNAVAILABLE');
  });
});
