import type { AssistantPart, JsonObject } from '@fluxcore/message';
import { wireToolCall } from './tools.js';

/** An assistant turn as Ollama's `message`: its text and its thinking joined, its tool calls whole. */
export function assistantMessage(parts: readonly AssistantPart[]): JsonObject {
  let text = '';
  let thinking = '';
  const calls: JsonObject[] = [];
  for (const part of parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') thinking += part.text;
    else calls.push(wireToolCall(part.name, part.arguments));
  }
  const message: JsonObject = { role: 'assistant', content: text };
  if (thinking !== '') message.thinking = thinking;
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}
