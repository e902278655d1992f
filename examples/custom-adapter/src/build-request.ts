import {
  invalidRequest,
  isObject,
  setDefined,
  writeNumericSettings,
  type ChatRequest,
  type HeaderMap,
  type JsonObject,
  type JsonValue,
  type Message,
  type UpstreamRequest,
  type UpstreamTarget,
} from '@fluxcore/message';
import { assistantMessage } from './assistant-message.js';
import { PROTOCOL } from './names.js';
import { OPTION_SETTINGS } from './sampling.js';

/**
 * Build `POST {baseURL}/api/chat` for an IR request. Ollama has no tool-call ids (results name
 * their tool instead), no tool choice (`none` leaves the tools out; a forced tool cannot be
 * expressed and is sent as `auto`), and takes images only as base64: an image URL or a file is
 * refused with `invalid_request` rather than silently dropped.
 */
export function buildOllamaRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  const { options: extraOptions, ...extraFields } = request.extras?.[PROTOCOL] ?? {};
  const body: JsonObject = { model: target.model, messages: wireMessages(request.messages) };
  if (request.tools !== undefined && request.tools.length > 0 && request.toolChoice?.type !== 'none') {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, ...(tool.description === undefined ? {} : { description: tool.description }), parameters: tool.parameters },
    }));
  }
  if (request.responseFormat?.type === 'json') body.format = request.responseFormat.schema ?? 'json';
  if (request.reasoning !== undefined) body.think = request.reasoning.enabled !== false;
  const options = wireOptions(request, isObject(extraOptions) ? extraOptions : {});
  if (Object.keys(options).length > 0) body.options = options;
  Object.assign(body, extraFields);
  body.stream = target.stream;
  return { url: chatURL(target.baseURL), method: 'POST', headers: ollamaHeaders(target), body: JSON.stringify(body) };
}

/** Same protocol on both sides: the client's body as is, with only the model and `stream` set. */
export function buildOllamaPassthrough(body: JsonObject, target: UpstreamTarget): UpstreamRequest {
  return {
    url: chatURL(target.baseURL),
    method: 'POST',
    headers: ollamaHeaders(target),
    body: JSON.stringify({ ...body, model: target.model, stream: target.stream }),
  };
}

/** `{base}/api/chat`; a base that already ends in `/api` gets only `/chat`. */
export function chatURL(baseURL: string): string {
  const base = baseURL.replace(/\/+$/, '');
  return base.endsWith('/api') ? `${base}/chat` : `${base}/api/chat`;
}

/** A local Ollama ignores the key; Ollama's hosted service reads it as a bearer token. */
function ollamaHeaders(target: UpstreamTarget): HeaderMap {
  const headers: HeaderMap = {
    authorization: `Bearer ${target.apiKey}`,
    'content-type': 'application/json',
    accept: target.stream ? 'application/x-ndjson' : 'application/json',
  };
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function wireOptions(request: ChatRequest, extra: JsonObject): JsonObject {
  const options: JsonObject = { ...extra };
  writeNumericSettings(request, OPTION_SETTINGS, options);
  setDefined(options, 'stop', request.stopSequences);
  return options;
}

function wireMessages(messages: Message[]): JsonValue[] {
  const toolNames = new Map<string, string>();
  return messages.flatMap((message, index): JsonObject[] => {
    const at = `messages[${index}]`;
    switch (message.role) {
      case 'system':
        return [{ role: 'system', content: message.content.map((part) => part.text).join('\n') }];
      case 'user':
        return [userMessage(message.content, at)];
      case 'assistant':
        // Ollama's results name their tool: remember each call's name for the results that answer it.
        for (const part of message.content) if (part.type === 'tool-call') toolNames.set(part.id, part.name);
        return [assistantMessage(message.content)];
      case 'tool':
        // One Ollama message per result; Ollama matches results to calls by tool name.
        return message.content.map((result, i) => {
          const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
          const toolName = result.toolName ?? toolNames.get(result.toolCallId);
          if (toolName === undefined)
            throw invalidRequest(`${at}.content[${i}].toolCallId`, 'the id of an earlier tool call (Ollama needs the tool name of every result)');
          return { role: 'tool', content: text, tool_name: toolName };
        });
    }
  });
}

function userMessage(parts: Extract<Message, { role: 'user' }>['content'], at: string): JsonObject {
  let text = '';
  const images: string[] = [];
  parts.forEach((part, i) => {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'image' && part.source.kind === 'base64') images.push(part.source.data);
    else
      throw invalidRequest(
        `${at}.content[${i}]`,
        part.type === 'image' ? 'an image as base64 data (Ollama takes no image URLs)' : 'text or an image (Ollama takes no files)',
      );
  });
  return images.length === 0 ? { role: 'user', content: text } : { role: 'user', content: text, images };
}
