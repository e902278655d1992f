import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FluxError, isFluxError, type ErrorCategory } from '@fluxcore/errors';
import { gemini } from '@fluxcore/gemini';
import type { ChatRequest, ChatResponse, StreamEvent } from '@fluxcore/message';
import { ApiError, FunctionCallingConfigMode, GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * @google/genai 2.32.0 as a real client of the adapter's inbound side: a local server reads the
 * model and streaming from the URL, parses the body with `gemini.parseRequest`, and answers
 * with `formatResponse`, the stream encoder, or `formatError`. The model name picks the answer.
 */

const USAGE = { inputTokens: 21, outputTokens: 9, cachedInputTokens: 5, reasoningTokens: 3 };
const ERRORS: Record<string, ErrorCategory> = {
  'err-400': 'invalid_request',
  'err-401': 'authentication',
  'err-403': 'permission',
  'err-404': 'not_found',
  'err-429': 'rate_limit',
  'err-500': 'server',
  'err-503': 'overloaded',
};
const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const API_KEY = 'gemini-test-key-not-real';

function answer(model: string): ChatResponse {
  if (model === 'tools') {
    return {
      id: 'resp-tools',
      model,
      content: [
        { type: 'text', text: 'Checking both.' },
        { type: 'tool-call', id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_t', name: 'get_time', arguments: '{"tz":"CET"}' },
      ],
      finishReason: 'tool_calls',
      usage: USAGE,
    };
  }
  return { id: 'resp-text', model, content: [{ type: 'text', text: 'Hello from fluxcore' }], finishReason: 'stop', usage: USAGE };
}

function events(model: string): StreamEvent[] {
  const out: StreamEvent[] = [{ type: 'start', id: `resp-${model}`, model }];
  if (model === 'tools') {
    out.push(
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Checking both.' },
      { type: 'text-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_w', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'call_t', name: 'get_time' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{"tz":"CET"}' },
      { type: 'tool-call-end', index: 2 },
      { type: 'finish', finishReason: 'tool_calls', usage: USAGE },
    );
    return out;
  }
  out.push({ type: 'usage', usage: { inputTokens: USAGE.inputTokens } }, { type: 'text-start', index: 0 });
  for (const piece of ['Hello', ' from', ' fluxcore']) out.push({ type: 'text-delta', index: 0, text: piece });
  out.push({ type: 'text-end', index: 0 }, { type: 'finish', finishReason: 'stop', usage: USAGE });
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendError(res: ServerResponse, error: FluxError): void {
  const formatted = gemini.formatError(error);
  res.writeHead(formatted.status, { 'content-type': 'application/json', ...formatted.headers });
  res.end(JSON.stringify(formatted.body));
}

/** What the server saw last: the parsed request, and where the key travelled. */
const seen: { request?: ChatRequest; keyHeader?: string; url?: string } = {};

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = ROUTE.exec(url.pathname);
  if (route === null) return sendError(res, new FluxError({ category: 'not_found', message: `no route ${url.pathname}` }));
  const model = decodeURIComponent(route[1]!);
  const stream = route[2] === 'streamGenerateContent';
  let request: ChatRequest;
  try {
    request = gemini.parseRequest(JSON.parse(await readBody(req)), { model, stream });
  } catch (error) {
    return sendError(res, isFluxError(error) ? error : new FluxError({ category: 'invalid_request', message: String(error) }));
  }
  Object.assign(seen, { request, keyHeader: req.headers['x-goog-api-key'], url: req.url });
  const category = ERRORS[model];
  if (category !== undefined) {
    return sendError(res, new FluxError({ category, message: `simulated ${category}`, ...(category === 'rate_limit' ? { retryAfterMs: 1000 } : {}) }));
  }
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(gemini.formatResponse(answer(model), { request })));
    return;
  }
  const encoder = gemini.createStreamEncoder({ request });
  res.writeHead(200, { 'content-type': gemini.streamContentType });
  if (model === 'stream-error') {
    res.write(encoder.encode({ type: 'start', id: 'resp-e', model }));
    res.write(encoder.encode({ type: 'text-start', index: 0 }));
    res.write(encoder.encode({ type: 'text-delta', index: 0, text: 'partial' }));
    // Let the partial chunk reach the client on its own before the error.
    await new Promise((resolve) => setImmediate(resolve));
    res.end(encoder.fail(new FluxError({ category: 'overloaded', message: 'upstream overloaded mid-stream' })));
    return;
  }
  for (const event of events(model)) res.write(encoder.encode(event));
  res.end();
}

let server: Server;
let ai: GoogleGenAI;

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  ai = new GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: `http://127.0.0.1:${port}`, timeout: 5_000 } });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

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
      expect((error as ApiError).message).toContain(`simulated ${ERRORS[model]}`);
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
