import type { ChatResponse, InboundContext, JsonObject } from '@fluxcore/message';
import { buildAssistantBlocks } from './content-build.js';
import { ownExtras, withoutKeys } from './own-extras.js';
import { loadPositioned, reinsert, UNMODELLED_BLOCKS } from './unmodelled.js';
import { finishReasonToWire } from './finish-reason.js';
import { generateMessageId } from './ids.js';
import { isObject } from './read.js';
import { usageToWire } from './usage.js';

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
    ...withoutKeys(extras, [UNMODELLED_BLOCKS, 'usage']),
    usage: { ...(isObject(extras?.usage) ? extras.usage : {}), ...usageToWire(response.usage) },
  };
}
