import { isObject, type ChatResponse, type InboundContext, type JsonObject } from '@fluxcore/message';
import { PROTOCOL } from './extras.js';
import { finishToOpenAI } from './finish-reason.js';
import { usageToOpenAI } from './usage.js';

/**
 * Format an IR answer as a Chat Completions body. Reasoning text is written as
 * `reasoning_content` (the DeepSeek convention, which OpenAI clients ignore); signatures are
 * dropped. Empty tool-call arguments become `{}` so clients can always parse them.
 */
export function formatResponse(response: ChatResponse, context: InboundContext): JsonObject {
  const extras: JsonObject = { ...response.extras?.[PROTOCOL] };
  const { logprobs = null, message: messageExtras, ...topLevel } = extras;
  const message: JsonObject = { role: 'assistant', content: null, refusal: null, ...(isObject(messageExtras) ? messageExtras : {}) };
  const texts: string[] = [];
  const refusals: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: JsonObject[] = [];
  for (const part of response.content) {
    if (part.type === 'text') (part.extras?.[PROTOCOL]?.refusal === true ? refusals : texts).push(part.text);
    else if (part.type === 'reasoning') reasoning.push(part.text);
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments === '' ? '{}' : part.arguments } });
  }
  if (texts.length > 0) message.content = texts.join('');
  if (refusals.length > 0) message.refusal = refusals.join('');
  if (reasoning.some((text) => text !== '')) message.reasoning_content = reasoning.join('');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const body: JsonObject = {
    id: response.id,
    object: 'chat.completion',
    created: response.created ?? Math.floor(Date.now() / 1000),
    model: response.model || context.request.model || '',
    choices: [{ index: 0, message, logprobs, finish_reason: finishToOpenAI(response.finishReason) }],
    ...topLevel,
  };
  if (response.usage !== undefined) body.usage = usageToOpenAI(response.usage);
  return body;
}
