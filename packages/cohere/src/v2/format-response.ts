import { isObject, type ChatResponse, type JsonObject } from '@fluxcore/message';
import { writeCohereUsage } from '../shared/usage.js';
import { FINISH_REASONS } from './finish-reason.js';
import { PROTOCOL, TOOL_PLAN_MARK } from './names.js';

/** Format an IR answer as a Cohere v2 chat response. */
export function formatCohereResponse(response: ChatResponse): JsonObject {
  const extras = response.extras?.[PROTOCOL] ?? {};
  const { message: messageExtras, billed_units: billedUnits, ...rest } = extras;
  const message: JsonObject = { ...(isObject(messageExtras) ? messageExtras : {}), role: 'assistant' };
  const content: JsonObject[] = [];
  const plan: string[] = [];
  const toolCalls: JsonObject[] = [];
  for (const part of response.content) {
    if (part.type === 'reasoning') {
      if (part.text !== '') content.push({ type: 'thinking', thinking: part.text });
    } else if (part.type === 'tool-call') {
      toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments === '' ? '{}' : part.arguments } });
    } else if (part.extras?.[PROTOCOL]?.[TOOL_PLAN_MARK] === true) {
      plan.push(part.text);
    } else {
      content.push({ type: 'text', text: part.text });
    }
  }
  if (content.length > 0) message.content = content;
  if (plan.length > 0) message.tool_plan = plan.join('');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const body: JsonObject = {
    ...rest,
    id: response.id,
    finish_reason: FINISH_REASONS.wire(response.finishReason, response.rawFinishReason, response.stopSequence),
    message,
  };
  if (response.usage !== undefined) body.usage = writeCohereUsage(response.usage, isObject(billedUnits) ? billedUnits : undefined);
  return body;
}
