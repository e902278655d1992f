import { isObject, type ChatResponse, type InboundContext, type JsonObject, type JsonValue } from '@fluxcore/message';
import { assistantPartToWire, interleave, lenientArguments } from './content-build.js';
import { extrasObject } from './extras.js';
import { toGeminiFinishReason } from './finish-reason.js';
import { toUsageMetadata } from './usage.js';

/**
 * An IR answer as a `GenerateContentResponse`. Function calls carry our ids in
 * `functionCall.id` (part of Gemini's schema) so a client can answer by id. A prompt blocked
 * upstream (kept `promptFeedback` and no content) is rendered without candidates, as Gemini does.
 */
export function formatGeminiResponse(response: ChatResponse, context: InboundContext): JsonObject {
  const { candidate, content: contentExtras, usageMetadata, unmodelledParts, ...top } = response.extras?.gemini ?? {};
  const body: JsonObject = { ...top };
  const blocked = isObject(top.promptFeedback) && top.promptFeedback.blockReason !== undefined && response.content.length === 0;
  if (!blocked) {
    const parts = modelParts(response, unmodelledParts);
    const first: JsonObject = { ...extrasObject(candidate) };
    // Gemini omits `content` when nothing was generated (a filtered answer).
    if (parts.length > 0) first.content = { ...extrasObject(contentExtras), parts, role: 'model' };
    first.finishReason = toGeminiFinishReason(response.finishReason, response.rawFinishReason);
    first.index = 0;
    body.candidates = [first];
  }
  if (response.usage !== undefined) body.usageMetadata = { ...extrasObject(usageMetadata), ...toUsageMetadata(response.usage) };
  body.modelVersion = response.model !== '' ? response.model : (context.request.model ?? '');
  body.responseId = response.id;
  return body;
}

function modelParts(response: ChatResponse, unmodelledParts: JsonValue | undefined): JsonObject[] {
  const converted = response.content.map((part) =>
    assistantPartToWire(part, { includeCallIds: true, argumentsOf: lenientArguments, foreignReasoning: 'unsigned' }),
  );
  return interleave(converted, unmodelledParts);
}
