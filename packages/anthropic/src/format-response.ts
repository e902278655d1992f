import { isObject, unknownFields, type ChatResponse, type InboundContext, type JsonObject } from '@fluxcore/message';
import { buildAssistantBlocks } from './content-build.js';
import { finishReasonToWire } from './finish-reason.js';
import { generateMessageId } from './ids.js';
import { ownExtras } from './own-extras.js';
import { loadPositioned, reinsert, UNMODELLED_BLOCKS } from './unmodelled.js';
import { usageToWire } from './usage.js';

/** Extras keys that are not top-level wire fields: the opaque blocks go into `content`, `usage` into `usage`. */
const NOT_COPIED: ReadonlySet<string> = new Set([UNMODELLED_BLOCKS, 'usage']);

/** Format an IR answer as an Anthropic Messages response body. */
export function formatResponse(response: ChatResponse, context: InboundContext): JsonObject {
  const extras = ownExtras(response);
  const content = reinsert(buildAssistantBlocks(response.content, 'content', 'response'), loadPositioned(extras?.[UNMODELLED_BLOCKS]));
  const stopReason = finishReasonToWire(response.finishReason, response.rawFinishReason, response.stopSequence);
  return {
    id: response.id || generateMessageId(),
    type: 'message',
    role: 'assistant',
    model: response.model || context.request.model || '',
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' ? (response.stopSequence ?? null) : null,
    ...unknownFields(extras ?? {}, NOT_COPIED),
    usage: { ...(isObject(extras?.usage) ? extras.usage : {}), ...usageToWire(response.usage) },
  };
}
