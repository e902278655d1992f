import { FluxError } from '@fluxcore/errors';
import { invalidRequest, type ChatRequest, type JsonObject, type Message, type UpstreamRequest, type UpstreamTarget } from '@fluxcore/message';
import { argumentsObject, assistantPartToWire, interleave, mediaToWire, textToWire, toolResultToWire } from './content-build.js';
import { extrasObject } from './extras.js';
import { writeSampling } from './sampling.js';
import { markFirstCall } from './signature.js';
import { buildThinking, isGemini3 } from './thinking.js';
import { buildToolConfig, buildTools } from './tools.js';
import { buildGeminiUrl } from './url.js';

/** The upstream `generateContent` request for an IR request. */
export function buildGeminiRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  return { url: upstreamUrl(target), method: 'POST', headers: upstreamHeaders(target), body: JSON.stringify(buildGeminiBody(request, target.model)) };
}

/** Same protocol on both sides: the client's body as is; the model lives in the URL only. */
export function buildGeminiPassthroughRequest(body: JsonObject, target: UpstreamTarget): UpstreamRequest {
  const { model: _model, ...rest } = body;
  return { url: upstreamUrl(target), method: 'POST', headers: upstreamHeaders(target), body: JSON.stringify(rest) };
}

function upstreamUrl(target: UpstreamTarget): string {
  if (target.model.trim() === '')
    throw new FluxError({
      category: 'invalid_request',
      message: 'model: Gemini needs a model for its URL; set one on the endpoint or in the request',
      param: 'model',
    });
  return buildGeminiUrl(target);
}

function upstreamHeaders(target: UpstreamTarget): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-goog-api-key': target.apiKey };
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/** The JSON body: our own extras first, then every modelled field. */
export function buildGeminiBody(request: ChatRequest, model: string): JsonObject {
  const { tools: builtinTools, toolConfig, generationConfig, systemInstruction, ...top } = request.extras?.gemini ?? {};
  const body: JsonObject = { ...top };
  const system = systemParts(request.messages);
  if (system.length > 0) body.systemInstruction = { ...extrasObject(systemInstruction), parts: system };
  body.contents = buildContents(request.messages, model);
  const tools = buildTools(request, builtinTools);
  if (tools.length > 0) body.tools = tools;
  const config = buildToolConfig(request.toolChoice, extrasObject(toolConfig));
  if (config !== undefined) body.toolConfig = config;
  const generation = buildGenerationConfig(request, extrasObject(generationConfig), model);
  if (Object.keys(generation).length > 0) body.generationConfig = generation;
  return body;
}

/** Every system message, wherever it stands, is hoisted into `systemInstruction`. */
function systemParts(messages: Message[]): JsonObject[] {
  return messages.flatMap((message) => (message.role === 'system' ? message.content.flatMap(textToWire) : []));
}

/**
 * Messages -> `contents`: assistant turns become `model`, user and tool turns `user`, and
 * consecutive turns of one role are merged (so tool results and the next user text share a
 * turn). Tool results are matched to the name of the call they answer.
 */
function buildContents(messages: Message[], model: string): JsonObject[] {
  const callNames = new Map<string, string>();
  const contents: JsonObject[] = [];
  messages.forEach((message, i) => {
    if (message.role === 'system') return;
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = interleave(messageParts(message, `messages[${i}]`, callNames), message.extras?.gemini?.unmodelledParts);
    if (role === 'model' && isGemini3(model)) markFirstCall(parts);
    if (parts.length === 0) return;
    const { unmodelledParts: _unmodelled, ...fields } = message.extras?.gemini ?? {};
    const previous = contents.at(-1);
    if (previous?.role === role && Array.isArray(previous.parts)) previous.parts.push(...parts);
    else contents.push({ ...fields, role, parts });
  });
  return contents;
}

function messageParts(message: Exclude<Message, { role: 'system' }>, path: string, callNames: Map<string, string>): JsonObject[][] {
  switch (message.role) {
    case 'user':
      return message.content.map((part) => (part.type === 'text' ? textToWire(part) : [mediaToWire(part)]));
    case 'assistant':
      return message.content.map((part, j) => {
        if (part.type === 'tool-call') callNames.set(part.id, part.name);
        const argumentsOf = (text: string) => argumentsObject(text, `${path}.content[${j}].arguments`, invalidRequest);
        return assistantPartToWire(part, { includeCallIds: false, argumentsOf, foreignReasoning: 'drop' });
      });
    case 'tool':
      return message.content.map((part, j) => {
        const name = callNames.get(part.toolCallId) ?? part.toolName;
        if (name === undefined)
          throw invalidRequest(`${path}.content[${j}].toolCallId`, 'the id of an earlier tool call (Gemini needs the function name of every result)');
        return [toolResultToWire(part, name)];
      });
  }
}

function buildGenerationConfig(request: ChatRequest, extras: JsonObject, model: string): JsonObject {
  const { thinkingConfig, ...rest } = extras;
  const config: JsonObject = { ...rest };
  writeSampling(request, config);
  const format = request.responseFormat;
  if (format?.type === 'text') config.responseMimeType = 'text/plain';
  if (format?.type === 'json') {
    config.responseMimeType = 'application/json';
    if (format.schema !== undefined && !('responseSchema' in config)) config.responseJsonSchema = format.schema;
  }
  const thinking = { ...extrasObject(thinkingConfig), ...buildThinking(request.reasoning, model) };
  if (Object.keys(thinking).length > 0) config.thinkingConfig = thinking;
  return config;
}
