import {
  invalidRequest,
  isObject,
  setDefined,
  type ChatRequest,
  type FieldReader,
  type JsonObject,
  type JsonValue,
  type Message,
  type ParseRequestOptions,
  type ResponseFormat,
  type SystemPart,
  type ToolResultPart,
  type UserPart,
} from '@fluxcore/message';
import { camelFields, camelRecord, expectCamelObject } from './camel-keys.js';
import { modelPartsFromWire, userPartFromWire, type UnmodelledPart } from './content-parse.js';
import { geminiExtras } from './extras.js';
import { generateToolCallId } from './ids.js';
import { fromOpenApiSchema } from './schema.js';
import { readSampling, SAMPLING_KEYS } from './sampling.js';
import { parseThinking } from './thinking.js';
import { parseToolConfig, parseTools } from './tools.js';

const TOP_LEVEL_KEYS = new Set(['model', 'contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig']);
const GENERATION_KEYS = new Set([...SAMPLING_KEYS, 'responseMimeType', 'responseJsonSchema', 'thinkingConfig']);

/**
 * Parse a Gemini `generateContent` body. The model and streaming come from the URL
 * (`options`), since Gemini puts them there. Unmodelled fields go to `extras.gemini`.
 */
export function parseGeminiRequest(body: unknown, options: ParseRequestOptions = {}): ChatRequest {
  if (!isObject(body)) throw invalidRequest('body', 'a JSON object (a GenerateContentRequest)');
  const top = camelFields(body, '', invalidRequest);
  const extras: JsonObject = { ...top.rest(TOP_LEVEL_KEYS) };
  const model = options.model ?? top.string('model');
  const request: ChatRequest = { messages: [...parseSystem(top, extras), ...parseContents(top)], stream: options.stream ?? false };
  if (model !== undefined && model !== '') request.model = model.replace(/^models\//, '');
  parseTools(top, request, extras);
  parseToolConfig(top, request, extras);
  parseGenerationConfig(top, request, extras);
  if (Object.keys(extras).length > 0) request.extras = { gemini: extras };
  return request;
}

function parseSystem(top: FieldReader, extras: JsonObject): Message[] {
  const value = top.raw('systemInstruction');
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ role: 'system', content: [{ type: 'text', text: value }] }];
  const system = expectCamelObject(value, top.at('systemInstruction'), invalidRequest, 'a Content object with text parts');
  const content: SystemPart[] = (system.array('parts') ?? []).map((part, i) => {
    const path = `${system.at('parts')}[${i}]`;
    const text = isObject(part) ? camelFields(part, path, invalidRequest).string('text') : undefined;
    if (text === undefined) throw invalidRequest(path, 'a text part');
    return { type: 'text', text };
  });
  const rest = system.rest(new Set(['parts']));
  if (rest !== undefined) extras.systemInstruction = rest;
  return content.length === 0 ? [] : [{ role: 'system', content }];
}

/**
 * `contents` -> messages. `model` turns become assistant messages; `user` turns split into
 * user messages and tool messages (one per run of `functionResponse` parts), in order. Calls
 * without ids get generated ones; responses without ids answer the earliest unanswered call
 * of the same name.
 */
function parseContents(top: FieldReader): Message[] {
  const contents = top.array('contents');
  if (contents === undefined || contents.length === 0) throw invalidRequest('contents', 'a non-empty array of Content objects');
  const messages: Message[] = [];
  const unanswered: Array<{ id: string; name: string }> = [];
  contents.forEach((value, i) => {
    const path = `contents[${i}]`;
    const content = expectCamelObject(value, path, invalidRequest, 'a Content object ({role, parts})');
    const role = content.string('role') ?? 'user';
    const parts = content.array('parts') ?? [];
    const contentExtras = content.rest(new Set(['role', 'parts']));
    if (role === 'model') {
      const { parts: assistantParts, unmodelled } = modelPartsFromWire(parts, content.at('parts'), invalidRequest, { seed: path, position: 0 });
      for (const part of assistantParts) if (part.type === 'tool-call') unanswered.push({ id: part.id, name: part.name });
      messages.push(withMessageExtras({ role: 'assistant', content: assistantParts }, contentExtras, unmodelled));
    } else if (role === 'user' || role === 'function') {
      messages.push(...userMessages(content, parts, unanswered, contentExtras));
    } else {
      throw invalidRequest(content.at('role'), '"user" or "model"');
    }
  });
  return messages;
}

function userMessages(
  content: FieldReader,
  parts: JsonValue[],
  unanswered: Array<{ id: string; name: string }>,
  contentExtras: JsonObject | undefined,
): Message[] {
  const messages: Message[] = [];
  let current: { role: 'user'; content: UserPart[] } | { role: 'tool'; content: ToolResultPart[] } | undefined;
  const unmodelled = new Map<Message, UnmodelledPart[]>();
  const open = (role: 'user' | 'tool') => {
    if (current?.role !== role) {
      current = role === 'user' ? { role, content: [] } : { role, content: [] };
      messages.push(current);
    }
    return current;
  };
  parts.forEach((value, j) => {
    const path = `${content.at('parts')}[${j}]`;
    if (!isObject(value)) throw invalidRequest(path, 'an object (a Part)');
    const part = userPartFromWire(camelFields(value, path, invalidRequest));
    if (part === undefined) {
      const message = current ?? open('user');
      const list = unmodelled.get(message) ?? [];
      list.push({ before: message.content.length, part: value });
      unmodelled.set(message, list);
    } else if (part.type === 'tool-result') {
      part.toolCallId = answeredCallId(part, unanswered, content.path, j);
      (open('tool').content as ToolResultPart[]).push(part);
    } else {
      (open('user').content as UserPart[]).push(part);
    }
  });
  if (messages.length === 0) open('user');
  return messages.map((message, k) => withMessageExtras(message, k === 0 ? contentExtras : undefined, unmodelled.get(message) ?? []));
}

function answeredCallId(result: ToolResultPart, unanswered: Array<{ id: string; name: string }>, path: string, j: number): string {
  const wanted = result.toolCallId;
  const index = wanted !== '' ? unanswered.findIndex((call) => call.id === wanted) : unanswered.findIndex((call) => call.name === result.toolName);
  if (index !== -1) return unanswered.splice(index, 1)[0]!.id;
  return wanted !== '' ? wanted : generateToolCallId(path, j, result.toolName ?? '', '');
}

function withMessageExtras<T extends Message>(message: T, fields: JsonObject | undefined, unmodelled: UnmodelledPart[]): T {
  const extras: JsonObject = { ...fields };
  if (unmodelled.length > 0) extras.unmodelledParts = unmodelled.map(({ before, part }) => ({ before, part }));
  const wrapped = geminiExtras(extras);
  if (wrapped !== undefined) message.extras = wrapped;
  return message;
}

function parseGenerationConfig(top: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const generation = camelRecord(top, 'generationConfig');
  if (generation === undefined) return;
  readSampling(generation, request);
  const rest: JsonObject = { ...generation.rest(GENERATION_KEYS) };
  setDefined(request, 'responseFormat', parseResponseFormat(generation, rest));
  setDefined(request, 'reasoning', parseThinking(generation, rest));
  if (Object.keys(rest).length > 0) extras.generationConfig = rest;
}

/**
 * `responseMimeType: application/json` with `responseJsonSchema` (or the OpenAPI-subset
 * `responseSchema`, converted; the original stays in extras) -> JSON mode. Other MIME types
 * (`text/x.enum`) stay in extras.
 */
function parseResponseFormat(generation: FieldReader, rest: JsonObject): ResponseFormat | undefined {
  const mimeType = generation.string('responseMimeType');
  const jsonSchema = generation.record('responseJsonSchema');
  const openApi = generation.record('responseSchema');
  if (mimeType === 'text/plain') return { type: 'text' };
  if (mimeType !== 'application/json') {
    if (mimeType !== undefined) rest.responseMimeType = mimeType;
    if (jsonSchema !== undefined) rest.responseJsonSchema = jsonSchema;
    return undefined;
  }
  const schema = jsonSchema ?? (openApi === undefined ? undefined : fromOpenApiSchema(openApi));
  return schema === undefined ? { type: 'json' } : { type: 'json', schema };
}
