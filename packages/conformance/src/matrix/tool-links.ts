import type { ChatRequest, ContentPart } from '@fluxcore/message';

/** The ids of every tool call and tool result, in order, for protocols that carry ids both ways. */
export function toolIdsOf(request: ChatRequest): string[] {
  return request.messages.flatMap((m) =>
    m.content.flatMap((p: ContentPart) => (p.type === 'tool-call' ? [`call:${p.id}`] : p.type === 'tool-result' ? [`result:${p.toolCallId}`] : [])),
  );
}

/** Every tool result answers a call made earlier in the conversation (by id). */
export function unlinkedResults(request: ChatRequest): string[] {
  const seen = new Set<string>();
  const unlinked: string[] = [];
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'tool-call') seen.add(part.id);
      if (part.type === 'tool-result' && !seen.has(part.toolCallId)) unlinked.push(part.toolCallId);
    }
  }
  return unlinked;
}
