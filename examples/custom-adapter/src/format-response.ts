import type { ChatResponse, JsonObject } from '@fluxcore/message';
import { assistantMessage } from './assistant-message.js';
import { toDoneReason } from './finish-reason.js';
import { usageToWire } from './usage.js';

/** A complete answer as Ollama's non-streamed `/api/chat` body, for Ollama clients. */
export function formatOllamaResponse(response: ChatResponse): JsonObject {
  const created = response.created === undefined ? new Date() : new Date(response.created * 1000);
  return {
    model: response.model,
    created_at: created.toISOString(),
    message: assistantMessage(response.content),
    done: true,
    done_reason: toDoneReason(response.finishReason),
    ...usageToWire(response.usage ?? {}),
  };
}
