import {
  DEFAULT_MAX_TOKENS,
  isObject,
  unknownFields,
  type ChatRequest,
  type JsonObject,
  type Message,
  type UpstreamRequest,
  type UpstreamTarget,
} from '@fluxcore/message';
import { buildAssistantBlocks, buildUserBlocks, textBlock, toolResultBlock } from './content-build.js';
import { messagesURL, upstreamHeaders } from './endpoint.js';
import { ownExtras } from './own-extras.js';
import { planThinking } from './thinking.js';
import { buildToolChoice, buildTools } from './tools.js';
import { loadPositioned, reinsert, UNMODELLED_BLOCKS, UNMODELLED_TOOLS } from './unmodelled.js';

/** Build the upstream request from the IR. */
export function buildRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  return { url: messagesURL(target.baseURL), method: 'POST', headers: upstreamHeaders(target), body: JSON.stringify(buildBody(request, target)) };
}

/**
 * Same protocol on both sides: the client's body unchanged but for `model` and `stream`, plus
 * `max_tokens` when the client left it out (Anthropic requires it; parseRequest accepts it).
 */
export function buildPassthroughRequest(body: JsonObject, target: UpstreamTarget): UpstreamRequest {
  const out: JsonObject = { ...body, model: target.model };
  if (target.stream) out.stream = true;
  else if ('stream' in out) out.stream = false;
  if (out.max_tokens === undefined || out.max_tokens === null) out.max_tokens = DEFAULT_MAX_TOKENS;
  return { url: messagesURL(target.baseURL), method: 'POST', headers: upstreamHeaders(target), body: JSON.stringify(out) };
}

/** Extras keys that never go on the wire as they are: they are merged into the fields built below. */
const NOT_COPIED: ReadonlySet<string> = new Set([UNMODELLED_TOOLS, 'thinking', 'metadata', 'output_config']);

function buildBody(request: ChatRequest, target: UpstreamTarget): JsonObject {
  const extras = ownExtras(request);
  const plan = planThinking(request.reasoning, request.maxTokens, extras?.thinking, forcesTool(request));
  const body: JsonObject = { ...unknownFields(extras ?? {}, NOT_COPIED), model: target.model, max_tokens: plan.maxTokens };
  const system = buildSystem(request.messages);
  if (system !== undefined) body.system = system;
  body.messages = buildTurns(request.messages);
  if (target.stream) body.stream = true;
  if (request.stopSequences !== undefined) body.stop_sequences = request.stopSequences;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  const tools = [...reinsert(buildTools(request.tools ?? []), loadPositioned(extras?.[UNMODELLED_TOOLS]))];
  if (tools.length > 0) {
    body.tools = tools;
    const choice = buildToolChoice(request.toolChoice, request.parallelToolCalls);
    if (choice !== undefined) body.tool_choice = choice;
  }
  if (plan.thinking !== undefined) body.thinking = plan.thinking;
  const metadata = buildMetadata(request, extras);
  if (metadata !== undefined) body.metadata = metadata;
  const outputConfig = buildOutputConfig(request, extras);
  if (outputConfig !== undefined) body.output_config = outputConfig;
  return body;
}

/** A tool choice that forces a call (`any` or a named tool), which Anthropic forbids with thinking. */
function forcesTool(request: ChatRequest): boolean {
  return (request.tools?.length ?? 0) > 0 && (request.toolChoice?.type === 'required' || request.toolChoice?.type === 'tool');
}

/** Every system message (wherever it sits) is hoisted into the top-level `system`. */
function buildSystem(messages: Message[]): string | JsonObject[] | undefined {
  const blocks: JsonObject[] = [];
  for (const message of messages) {
    if (message.role !== 'system') continue;
    for (const part of message.content) {
      const block = textBlock(part);
      if (block !== undefined) blocks.push(block);
    }
  }
  return blocks.length === 0 ? undefined : plainTextOrBlocks(blocks);
}

interface Turn {
  role: 'user' | 'assistant';
  content: JsonObject[];
}

/**
 * IR messages into alternating Anthropic turns. Same-role runs merge; tool results join the
 * next user turn as `tool_result` blocks placed before that turn's other blocks. A message
 * left with no blocks (only empty text, only unsigned thinking) disappears.
 */
function buildTurns(messages: Message[]): JsonObject[] {
  const turns: Turn[] = [];
  messages.forEach((message, i) => {
    if (message.role === 'system') return;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = messageBlocks(message, `messages[${i}].content`);
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role !== role) return void turns.push({ role, content: blocks });
    if (message.role !== 'tool') return void last.content.push(...blocks);
    const firstOther = last.content.findIndex((block) => block.type !== 'tool_result');
    last.content.splice(firstOther === -1 ? last.content.length : firstOther, 0, ...blocks);
  });
  return turns.map(({ role, content }) => ({ role, content: plainTextOrBlocks(content) }));
}

function messageBlocks(message: Exclude<Message, { role: 'system' }>, path: string): JsonObject[] {
  const extras = ownExtras(message);
  const built =
    message.role === 'tool'
      ? message.content.map(toolResultBlock)
      : message.role === 'assistant'
        ? buildAssistantBlocks(message.content, path, 'request')
        : buildUserBlocks(message.content, path);
  return reinsert(built, loadPositioned(extras?.[UNMODELLED_BLOCKS]));
}

/** Blocks that are one plain text block (a turn, `system`) are sent as a string, the form most clients use. */
function plainTextOrBlocks(content: JsonObject[]): string | JsonObject[] {
  const only = content[0];
  return content.length === 1 && only?.type === 'text' && Object.keys(only).length === 2 ? (only.text as string) : content;
}

function buildMetadata(request: ChatRequest, extras: JsonObject | undefined): JsonObject | undefined {
  const rest = isObject(extras?.metadata) ? extras.metadata : undefined;
  if (request.user === undefined) return rest;
  return { ...rest, user_id: request.user };
}

/**
 * `output_config.format` from a JSON response format with a schema. JSON mode without a
 * schema has no Anthropic form and is dropped.
 */
function buildOutputConfig(request: ChatRequest, extras: JsonObject | undefined): JsonObject | undefined {
  const rest = isObject(extras?.output_config) ? extras.output_config : undefined;
  const format = request.responseFormat;
  if (format?.type !== 'json' || format.schema === undefined) return rest;
  return { ...rest, format: { type: 'json_schema', schema: format.schema } };
}
