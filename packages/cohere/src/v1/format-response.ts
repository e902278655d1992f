import { isObject, type ChatResponse, type JsonObject } from '@fluxcore/message';
import { toCohereV1Finish } from './finish-reason.js';
import { PROTOCOL } from './names.js';
import { wireToolCalls } from './tool-calls.js';
import { v1Meta } from './usage.js';

/** Format an IR answer as a Cohere v1 chat response. Reasoning has no v1 form and is dropped. */
export function formatCohereV1Response(response: ChatResponse): JsonObject {
  const { meta, ...extras } = response.extras?.[PROTOCOL] ?? {};
  const toolCalls = wireToolCalls(response.content);
  const finish = toCohereV1Finish(response.finishReason, response.rawFinishReason, response.stopSequence);
  const body: JsonObject = {
    ...extras,
    text: response.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    generation_id: response.id,
    finish_reason: finish,
  };
  if (toolCalls.length > 0) body.tool_calls = toolCalls;
  body.meta = v1Meta(response.usage, isObject(meta) ? meta : undefined);
  return body;
}
