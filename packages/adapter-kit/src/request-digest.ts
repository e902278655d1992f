import { isObject, setDefined, type ChatRequest, type ContentPart, type JsonSchema, type Message, type ToolDefinition } from '@fluxcore/message';

/** One content part, reduced to what must survive a conversion. */
export type PartDigest =
  | { text: string }
  | { image: string }
  | { file: string }
  | { call: string; args: unknown }
  /** A tool result, named after the call it answers (ids differ between protocols). */
  | { result: string; content: unknown }
  | { reasoning: string; signature?: string };

/** A run of messages of one role (protocols merge and split turns differently). */
export interface TurnDigest {
  role: 'user' | 'assistant' | 'tool';
  parts: PartDigest[];
}

/** A tool definition: name, description, and each argument's type. */
export interface ToolDigest {
  name: string;
  description?: string;
  properties: Record<string, string>;
  required: string[];
}

/**
 * What must survive a conversion, read from an IR request: the semantic content, free of
 * representation choices (string or part content, turn merging, generated ids, `auto` tool
 * choice given or implied, system placement).
 */
export interface RequestDigest {
  system: string[];
  turns: TurnDigest[];
  tools?: ToolDigest[];
  /** `none`, `required` or `tool:<name>`; `auto` is the default and reads as absent. */
  toolChoice?: string;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  stop?: string[];
  user?: string;
  /** The JSON schema asked for, or `true` for JSON mode without one. */
  json?: JsonSchema | true;
  reasoning?: 'on' | 'off';
}

/** The request settings a digest keeps as they are. */
const SETTINGS = ['parallelToolCalls', 'maxTokens', 'temperature', 'topP', 'topK', 'seed', 'user'] as const;

export function digestRequest(request: ChatRequest): RequestDigest {
  const callNames = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call') callNames.set(part.id, part.name);
  }
  const digest: RequestDigest = {
    system: request.messages.filter((m) => m.role === 'system').map((m) => m.content.map((p) => p.text).join('')),
    turns: turnsOf(request.messages, callNames),
  };
  if (request.tools !== undefined && request.tools.length > 0) digest.tools = request.tools.map(digestTool);
  const choice = request.toolChoice;
  if (choice !== undefined && choice.type !== 'auto') digest.toolChoice = choice.type === 'tool' ? `tool:${choice.name}` : choice.type;
  for (const key of SETTINGS) setDefined(digest, key, request[key]);
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) digest.stop = request.stopSequences;
  if (request.responseFormat?.type === 'json') digest.json = request.responseFormat.schema ?? true;
  const reasoning = request.reasoning;
  if (reasoning !== undefined) {
    const off = reasoning.enabled === false || reasoning.budgetTokens === 0;
    const on = reasoning.enabled === true || reasoning.effort !== undefined || (reasoning.budgetTokens ?? 0) > 0;
    if (off) digest.reasoning = 'off';
    else if (on) digest.reasoning = 'on';
  }
  return digest;
}

function turnsOf(messages: Message[], callNames: Map<string, string>): TurnDigest[] {
  const turns: TurnDigest[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const parts = message.content.flatMap((part) => digestPart(part, callNames));
    if (parts.length === 0) continue;
    const last = turns.at(-1);
    if (last?.role === message.role) last.parts.push(...parts);
    else turns.push({ role: message.role, parts });
  }
  return turns;
}

function digestPart(part: ContentPart, callNames: Map<string, string>): PartDigest[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ text: part.text }];
    case 'image':
      return [{ image: sourceOf(part.source) }];
    case 'file':
      return [{ file: sourceOf(part.source) }];
    case 'tool-call':
      return [{ call: part.name, args: parseJson(part.arguments) }];
    case 'tool-result': {
      const text = part.content.map((c) => (c.type === 'text' ? c.text : `[image ${sourceOf(c.source)}]`)).join('');
      return [{ result: callNames.get(part.toolCallId) ?? part.toolName ?? `unmatched ${part.toolCallId}`, content: parseJson(text) }];
    }
    case 'reasoning': {
      const digest: PartDigest = { reasoning: part.text };
      if (part.signature !== undefined) digest.signature = `${part.signature.family}:${part.signature.value}`;
      return [digest];
    }
  }
}

function digestTool(tool: ToolDefinition): ToolDigest {
  const schema = tool.parameters;
  const properties: Record<string, string> = {};
  const props = schema.properties;
  if (isObject(props)) {
    for (const [name, value] of Object.entries(props)) {
      const type = isObject(value) ? value.type : undefined;
      properties[name] = typeof type === 'string' ? type : 'any';
    }
  }
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string').sort() : [];
  const digest: ToolDigest = { name: tool.name, properties, required };
  if (tool.description !== undefined) digest.description = tool.description;
  return digest;
}

function sourceOf(source: { kind: 'url'; url: string } | { kind: 'base64'; data: string; mediaType: string }): string {
  return source.kind === 'url' ? `url ${source.url}` : `base64 ${source.mediaType} ${source.data}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
