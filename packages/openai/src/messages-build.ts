import type { AssistantMessage, ImagePart, JsonObject, JsonValue, Message, SystemMessage, TextPart, ToolMessage, UserMessage } from '@fluxcore/message';
import { buildUserPart, textContent } from './content-build.js';
import { ownExtras, PROTOCOL } from './extras.js';

/** IR messages as Chat Completions messages (one IR tool message may become several). */
export function buildMessages(messages: Message[]): JsonObject[] {
  const out: JsonObject[] = [];
  messages.forEach((message, i) => {
    switch (message.role) {
      case 'system':
        out.push(buildSystem(message));
        break;
      case 'user':
        out.push(buildUser(message, i));
        break;
      case 'assistant':
        out.push(buildAssistant(message));
        break;
      case 'tool':
        out.push(...buildToolResults(message));
        break;
    }
  });
  return out;
}

/** `developer` survives a same-protocol trip through extras; everything else becomes `system`. */
function buildSystem(message: SystemMessage): JsonObject {
  const extras = ownExtras(message.extras);
  const role = extras.role === 'developer' ? 'developer' : 'system';
  return { ...extras, role, content: textContent(message.content) };
}

function buildUser(message: UserMessage, index: number): JsonObject {
  const parts = message.content;
  const content: JsonValue = parts.every((p) => p.type === 'text')
    ? textContent(parts as TextPart[])
    : parts.map((part, j) => buildUserPart(part, `messages[${index}].content[${j}]`));
  return { ...ownExtras(message.extras), role: 'user', content, ...(message.name === undefined ? {} : { name: message.name }) };
}

/**
 * Text joins into `content`, refusals into `refusal`, tool calls into `tool_calls`. Reasoning is
 * written back as `reasoning_content` only when it came from that field (a same-protocol trip to
 * a DeepSeek-style service); other reasoning and every signature are dropped: Chat Completions
 * takes neither.
 */
function buildAssistant(message: AssistantMessage): JsonObject {
  const texts: TextPart[] = [];
  const refusals: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: JsonObject[] = [];
  for (const part of message.content) {
    if (part.type === 'text') {
      if (part.extras?.[PROTOCOL]?.refusal === true) refusals.push(part.text);
      else texts.push(part);
    } else if (part.type === 'reasoning') {
      if (part.extras?.[PROTOCOL]?.field === 'reasoning_content') reasoning.push(part.text);
    } else {
      toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
    }
  }
  const out: JsonObject = { ...ownExtras(message.extras), role: 'assistant', content: texts.length === 0 ? null : textContent(texts) };
  if (refusals.length > 0) out.refusal = refusals.join('');
  if (reasoning.length > 0) out.reasoning_content = reasoning.join('');
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  return out;
}

/**
 * One `tool` message per result. Tool messages take only text, so images a tool returned follow
 * in one user message right after the results.
 */
function buildToolResults(message: ToolMessage): JsonObject[] {
  const out: JsonObject[] = [];
  const images: ImagePart[] = [];
  for (const result of message.content) {
    const texts: TextPart[] = [];
    for (const part of result.content) {
      if (part.type === 'text') texts.push(part);
      else images.push(part);
    }
    out.push({
      ...ownExtras(message.extras),
      ...ownExtras(result.extras),
      role: 'tool',
      tool_call_id: result.toolCallId,
      content: texts.length === 0 ? '' : textContent(texts),
    });
  }
  if (images.length > 0) {
    out.push({ role: 'user', content: images.map((image) => buildUserPart(image, 'tool result image')) });
  }
  return out;
}
