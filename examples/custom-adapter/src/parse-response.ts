import { expectObject, FieldReader, type AssistantPart, type ChatResponse } from '@fluxcore/message';
import { invalidUpstream } from './errors.js';
import { toFinishReason } from './finish-reason.js';
import { answerCallId, responseId } from './ids.js';
import { readToolCalls } from './tools.js';
import { usageFromWire } from './usage.js';

/** Unix seconds from Ollama's RFC 3339 `created_at` (nanosecond digits and all). */
export function readCreated(line: FieldReader): number | undefined {
  const millis = Date.parse(line.string('created_at') ?? '');
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
}

/** A non-streamed `/api/chat` answer in the IR. Ollama sends no id: one is made up. */
export function parseOllamaResponse(body: unknown): ChatResponse {
  const answer = new FieldReader(expectObject(body, 'body', invalidUpstream), '', invalidUpstream);
  const message = answer.reader('message');
  if (message === undefined) throw invalidUpstream('message', 'an object');
  const content: AssistantPart[] = [];
  const thinking = message.string('thinking');
  if (thinking !== undefined && thinking !== '') content.push({ type: 'reasoning', text: thinking });
  const text = message.string('content');
  if (text !== undefined && text !== '') content.push({ type: 'text', text });
  const calls = readToolCalls(message, invalidUpstream);
  calls.forEach((call, i) => content.push({ type: 'tool-call', id: answerCallId(i), ...call }));
  const doneReason = answer.string('done_reason');
  const response: ChatResponse = {
    id: responseId(),
    model: answer.string('model') ?? '',
    content,
    finishReason: toFinishReason(doneReason, calls.length > 0),
  };
  const created = readCreated(answer);
  if (created !== undefined) response.created = created;
  if (doneReason !== undefined) response.rawFinishReason = doneReason;
  const usage = usageFromWire(answer.object);
  if (usage !== undefined) response.usage = usage;
  return response;
}
