import {
  expectObject,
  expectString,
  isObject,
  jsonText,
  optionalArray,
  unknownFields,
  type AssistantPart,
  type ChatResponse,
  type JsonValue,
} from '@fluxcore/message';
import { badUpstream } from '../shared/errors.js';
import { readCohereUsage } from '../shared/usage.js';
import { FINISH_REASONS } from './finish-reason.js';
import { PROTOCOL, TOOL_PLAN_MARK } from './names.js';

const RESPONSE_FIELDS: ReadonlySet<string> = new Set(['id', 'finish_reason', 'message', 'usage']);
const MESSAGE_FIELDS: ReadonlySet<string> = new Set(['role', 'content', 'tool_plan', 'tool_calls']);

/**
 * Parse a Cohere v2 chat response. Content keeps its order (thinking, text), then the tool
 * plan as a marked text part, then the tool calls. `citations`, `logprobs` and the billed
 * units are kept in `extras.cohere`. v2 answers carry no model name, so `model` is empty.
 */
export function parseCohereResponse(answer: unknown): ChatResponse {
  const body = expectObject(answer, 'response', badUpstream);
  const finishReason = expectString(body.finish_reason, 'finish_reason', badUpstream);
  const message = expectObject(body.message, 'message', badUpstream);
  const content = [...readContent(message.content), ...readPlan(message.tool_plan), ...readToolCalls(message.tool_calls)];
  const response: ChatResponse = {
    id: typeof body.id === 'string' ? body.id : crypto.randomUUID(),
    model: '',
    content,
    finishReason: FINISH_REASONS.canonical(finishReason),
    rawFinishReason: finishReason,
  };
  const usage = readCohereUsage(body.usage);
  if (usage !== undefined) response.usage = usage;
  const extras = unknownFields(body, RESPONSE_FIELDS) ?? {};
  const messageExtras = unknownFields(message, MESSAGE_FIELDS);
  if (messageExtras !== undefined) extras.message = messageExtras;
  if (isObject(body.usage) && isObject(body.usage.billed_units)) extras.billed_units = body.usage.billed_units;
  if (Object.keys(extras).length > 0) response.extras = { [PROTOCOL]: extras };
  return response;
}

function readContent(content: JsonValue | undefined): AssistantPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badUpstream('message.content', 'a string or an array');
  return content.flatMap((raw, i): AssistantPart[] => {
    const item = expectObject(raw, `message.content[${i}]`, badUpstream);
    if (item.type === 'text' && typeof item.text === 'string') return [{ type: 'text', text: item.text }];
    if (item.type === 'thinking' && typeof item.thinking === 'string') return [{ type: 'reasoning', text: item.thinking }];
    return [];
  });
}

function readPlan(plan: JsonValue | undefined): AssistantPart[] {
  if (typeof plan !== 'string' || plan === '') return [];
  return [{ type: 'text', text: plan, extras: { [PROTOCOL]: { [TOOL_PLAN_MARK]: true } } }];
}

function readToolCalls(raw: JsonValue | undefined): AssistantPart[] {
  const calls = optionalArray(raw, 'message.tool_calls', badUpstream) ?? [];
  return calls.map((call, i): AssistantPart => {
    if (!isObject(call) || !isObject(call.function) || typeof call.function.name !== 'string') {
      throw badUpstream(`message.tool_calls[${i}].function.name`, 'a string');
    }
    const args = call.function.arguments;
    return {
      type: 'tool-call',
      id: typeof call.id === 'string' ? call.id : `${call.function.name}_${i}`,
      name: call.function.name,
      arguments:
        typeof args === 'string' ? args : args === undefined || args === null ? '' : jsonText(args, `message.tool_calls[${i}].function.arguments`, badUpstream),
    };
  });
}
