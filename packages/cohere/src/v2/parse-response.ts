import type { AssistantPart, ChatResponse, JsonValue } from '@fluxcore/message';
import { readCohereUsage } from '../shared/usage.js';
import { isObject, jsonText, leftoverFields, upstreamProtocol } from '../shared/wire-input.js';
import { toCanonicalFinish } from './finish-reason.js';
import { PROTOCOL, TOOL_PLAN_MARK } from './names.js';

const RESPONSE_FIELDS = new Set(['id', 'finish_reason', 'message', 'usage']);

/**
 * Parse a Cohere v2 chat response. Content keeps its order (thinking, text), then the tool
 * plan as a marked text part, then the tool calls. `citations`, `logprobs` and the billed
 * units are kept in `extras.cohere`. v2 answers carry no model name, so `model` is empty.
 */
export function parseCohereResponse(body: unknown): ChatResponse {
  if (!isObject(body)) throw upstreamProtocol('response body is not a JSON object');
  if (typeof body.finish_reason !== 'string') throw upstreamProtocol('response has no finish_reason');
  const message = body.message;
  if (!isObject(message)) throw upstreamProtocol('response has no message object');
  const content = [...readContent(message.content), ...readPlan(message.tool_plan), ...readToolCalls(message.tool_calls)];
  const response: ChatResponse = {
    id: typeof body.id === 'string' ? body.id : crypto.randomUUID(),
    model: '',
    content,
    finishReason: toCanonicalFinish(body.finish_reason),
    rawFinishReason: body.finish_reason,
  };
  const usage = readCohereUsage(body.usage);
  if (usage !== undefined) response.usage = usage;
  const extras = leftoverFields(body, RESPONSE_FIELDS) ?? {};
  const messageExtras = leftoverFields(message, new Set(['role', 'content', 'tool_plan', 'tool_calls']));
  if (messageExtras !== undefined) extras.message = messageExtras;
  if (isObject(body.usage) && isObject(body.usage.billed_units)) extras.billed_units = body.usage.billed_units;
  if (Object.keys(extras).length > 0) response.extras = { [PROTOCOL]: extras };
  return response;
}

function readContent(content: JsonValue | undefined): AssistantPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw upstreamProtocol('message.content is neither a string nor an array');
  return content.flatMap((item): AssistantPart[] => {
    if (!isObject(item)) throw upstreamProtocol('message.content holds a non-object item');
    if (item.type === 'text' && typeof item.text === 'string') return [{ type: 'text', text: item.text }];
    if (item.type === 'thinking' && typeof item.thinking === 'string') return [{ type: 'reasoning', text: item.thinking }];
    return [];
  });
}

function readPlan(plan: JsonValue | undefined): AssistantPart[] {
  if (typeof plan !== 'string' || plan === '') return [];
  return [{ type: 'text', text: plan, extras: { [PROTOCOL]: { [TOOL_PLAN_MARK]: true } } }];
}

function readToolCalls(calls: JsonValue | undefined): AssistantPart[] {
  if (calls === undefined || calls === null) return [];
  if (!Array.isArray(calls)) throw upstreamProtocol('message.tool_calls is not an array');
  return calls.map((call, i): AssistantPart => {
    if (!isObject(call) || !isObject(call.function) || typeof call.function.name !== 'string') {
      throw upstreamProtocol(`message.tool_calls[${i}] has no function name`);
    }
    const args = call.function.arguments;
    return {
      type: 'tool-call',
      id: typeof call.id === 'string' ? call.id : `${call.function.name}_${i}`,
      name: call.function.name,
      arguments: typeof args === 'string' ? args : args === undefined || args === null ? '' : jsonText(args, () => upstreamProtocol(`message.tool_calls[${i}].function.arguments is nested too deeply to serialise`)),
    };
  });
}
