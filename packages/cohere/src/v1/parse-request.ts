import {
  expectArray,
  expectObject,
  expectString,
  FieldReader,
  invalidRequest,
  isObject,
  jsonText,
  optionalArray,
  optionalObject,
  optionalString,
  unknownFields,
  type AssistantPart,
  type ChatRequest,
  type JsonObject,
  type JsonValue,
  type Message,
  type TextPart,
  type ToolCallPart,
  type ToolDefinition,
  type ToolMessage,
  type ToolResultPart,
} from '@fluxcore/message';
import { readResponseFormat } from '../shared/response-format.js';
import { readSampling, SAMPLING_FIELDS } from '../shared/sampling.js';
import { readToolDefinition, type ToolShape } from '../shared/tool-definition.js';
import { PROTOCOL } from './names.js';
import { definitionsToJsonSchema } from './parameter-definitions.js';
import { ToolCallIds } from './tool-ids.js';

const TOP_LEVEL: ReadonlySet<string> = new Set([
  'message',
  'model',
  'preamble',
  'chat_history',
  'tools',
  'tool_results',
  'response_format',
  'stream',
  ...SAMPLING_FIELDS,
]);

/**
 * Parse a Cohere Chat v1 request into the IR: `preamble` first as a system message, then
 * `chat_history`, then the current turn (`message` and/or `tool_results`). Tool calls get ids
 * derived from name + parameters (see tool-ids.ts), which is also how results find their call.
 */
export function parseCohereV1Request(body: unknown): ChatRequest {
  const fields = new FieldReader(expectObject(body, 'body', invalidRequest), '', invalidRequest);
  const message = fields.raw('message');
  if (typeof message !== 'string') throw invalidRequest('message', 'a string (the current user turn)');
  const messages: Message[] = [];
  const preamble = fields.string('preamble');
  if (preamble !== undefined) messages.push({ role: 'system', content: [{ type: 'text', text: preamble }] });
  fields.array('chat_history')?.forEach((entry, i) => messages.push(historyEntry(entry, `chat_history[${i}]`)));
  appendCurrentTurn(messages, message, fields.raw('tool_results'));
  const request: ChatRequest = { messages, stream: fields.boolean('stream') ?? false };
  const model = fields.string('model');
  if (model !== undefined) request.model = model;
  const tools = fields.raw('tools');
  if (tools !== undefined) request.tools = parseTools(tools);
  readSampling(fields, request);
  const responseFormat = readResponseFormat(fields.record('response_format'), lenientSchema);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const extras = fields.rest(TOP_LEVEL);
  if (extras !== undefined) request.extras = { [PROTOCOL]: extras };
  return request;
}

const HISTORY_ENTRY_FIELDS: ReadonlySet<string> = new Set(['role', 'message', 'tool_calls', 'tool_results']);

function historyEntry(raw: JsonValue, path: string): Message {
  const wire = expectObject(raw, path, invalidRequest);
  const role = typeof wire.role === 'string' ? wire.role.toUpperCase() : undefined;
  const message = entryByRole(wire, role, path);
  const extras = unknownFields(wire, HISTORY_ENTRY_FIELDS);
  if (extras !== undefined) message.extras = { [PROTOCOL]: extras };
  return message;
}

function entryByRole(wire: JsonObject, role: string | undefined, path: string): Message {
  if (role === 'TOOL') return toolMessage(wire.tool_results, `${path}.tool_results`);
  const text = optionalString(wire.message, `${path}.message`, invalidRequest) ?? '';
  if (role === 'USER') return { role: 'user', content: [{ type: 'text', text }] };
  if (role === 'SYSTEM') return { role: 'system', content: [{ type: 'text', text }] };
  if (role !== 'CHATBOT') throw invalidRequest(`${path}.role`, '"USER", "CHATBOT", "SYSTEM" or "TOOL"');
  const content: AssistantPart[] = text === '' ? [] : [{ type: 'text', text }];
  content.push(...toolCalls(wire.tool_calls, `${path}.tool_calls`));
  return { role: 'assistant', content };
}

function toolCalls(raw: JsonValue | undefined, path: string): ToolCallPart[] {
  const ids = new ToolCallIds();
  return (optionalArray(raw, path, invalidRequest) ?? []).map((item, k) => toolCallPart(item, `${path}[${k}]`, ids));
}

/** A v1 call `{ name, parameters }` as an IR tool call, with the id `ids` derives for it. */
function toolCallPart(raw: JsonValue | undefined, path: string, ids: ToolCallIds): ToolCallPart {
  const wire = expectObject(raw, path, invalidRequest);
  const name = expectString(wire.name, `${path}.name`, invalidRequest);
  const parameters = optionalObject(wire.parameters, `${path}.parameters`, invalidRequest) ?? {};
  const args = jsonText(parameters, `${path}.parameters`, invalidRequest);
  return { type: 'tool-call', id: ids.next(name, parameters), name, arguments: args };
}

function toolMessage(raw: JsonValue | undefined, path: string): ToolMessage {
  return parseResults(raw, path).message;
}

/** Tool results, and the calls they answer (same ids), in order. */
function parseResults(raw: JsonValue | undefined, path: string): { message: ToolMessage; calls: ToolCallPart[] } {
  const results = expectArray(raw, path, invalidRequest);
  const ids = new ToolCallIds();
  const calls: ToolCallPart[] = [];
  const content = results.map((item, k): ToolResultPart => {
    const wire = expectObject(item, `${path}[${k}]`, invalidRequest);
    const call = toolCallPart(wire.call, `${path}[${k}].call`, ids);
    calls.push(call);
    return { type: 'tool-result', toolCallId: call.id, toolName: call.name, content: outputs(wire.outputs, `${path}[${k}].outputs`) };
  });
  return { message: { role: 'tool', content }, calls };
}

/** Each output object becomes one text part holding its JSON. */
function outputs(raw: JsonValue | undefined, path: string): TextPart[] {
  return expectArray(raw, path, invalidRequest).map((output, j): TextPart => {
    const text = jsonText(expectObject(output, `${path}[${j}]`, invalidRequest), `${path}[${j}]`, invalidRequest);
    return { type: 'text', text };
  });
}

/**
 * The current turn. Multi-step clients send `message: ""` with `tool_results` answering the
 * last CHATBOT turn's calls; single-step clients repeat the question in `message` and send
 * `tool_results` with no CHATBOT turn at all. For the latter we add the assistant turn that
 * made the calls, so every result follows its call as other protocols require.
 */
function appendCurrentTurn(messages: Message[], text: string, rawResults: JsonValue | undefined): void {
  if (rawResults === undefined || (Array.isArray(rawResults) && rawResults.length === 0)) {
    messages.push({ role: 'user', content: [{ type: 'text', text }] });
    return;
  }
  const { message: results, calls } = parseResults(rawResults, 'tool_results');
  const previous = messages.at(-1);
  const answered =
    previous?.role === 'assistant' &&
    results.content.every((result) => previous.content.some((part) => part.type === 'tool-call' && part.id === result.toolCallId));
  if (answered) {
    messages.push(results);
    if (text !== '') messages.push({ role: 'user', content: [{ type: 'text', text }] });
    return;
  }
  if (text !== '') messages.push({ role: 'user', content: [{ type: 'text', text }] });
  messages.push({ role: 'assistant', content: calls });
  messages.push(results);
}

/**
 * v1 tools are flat, their parameters `parameter_definitions`, which are also kept verbatim (an
 * unmodelled field) so a v1 → v1 trip does not go through JSON Schema.
 */
const V1_TOOL: ToolShape = {
  protocol: PROTOCOL,
  modelled: new Set(['name', 'description']),
  parameters: (wire, path) => definitionsToJsonSchema(optionalObject(wire.parameter_definitions, `${path}.parameter_definitions`, invalidRequest) ?? {}),
};

function parseTools(raw: JsonValue): ToolDefinition[] {
  return expectArray(raw, 'tools', invalidRequest).map((item, i) =>
    readToolDefinition(expectObject(item, `tools[${i}]`, invalidRequest), `tools[${i}]`, V1_TOOL),
  );
}

/** v1 reads a schema that is not an object as no schema. */
function lenientSchema(format: JsonObject): JsonObject | undefined {
  return isObject(format.schema) ? format.schema : undefined;
}
