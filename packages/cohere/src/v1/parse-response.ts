import { expectObject, expectString, unknownFields, type AssistantPart, type ChatResponse } from '@fluxcore/message';
import { badUpstream } from '../shared/errors.js';
import { readCohereUsage } from '../shared/usage.js';
import { toCanonicalFinish } from './finish-reason.js';
import { PROTOCOL } from './names.js';
import { readToolCalls } from './tool-calls.js';

const RESPONSE_FIELDS = new Set(['text', 'generation_id', 'finish_reason', 'tool_calls']);

/**
 * Parse a Cohere v1 chat response: `text`, then `tool_calls` with derived ids. The id is the
 * `generation_id` (the id the stream's `stream-start` carries too). Everything else
 * (`response_id`, `chat_history`, `citations`, `meta`, ...) is kept in `extras['cohere-v1']`.
 */
export function parseCohereV1Response(answer: unknown): ChatResponse {
  const body = expectObject(answer, 'response', badUpstream);
  const text = expectString(body.text, 'text', badUpstream);
  const calls = readToolCalls(body.tool_calls);
  const content: AssistantPart[] = text === '' ? [] : [{ type: 'text', text }];
  content.push(...calls);
  const raw = typeof body.finish_reason === 'string' ? body.finish_reason : 'COMPLETE';
  const response: ChatResponse = {
    id: typeof body.generation_id === 'string' ? body.generation_id : typeof body.response_id === 'string' ? body.response_id : crypto.randomUUID(),
    model: '',
    content,
    finishReason: toCanonicalFinish(raw, calls.length > 0),
    rawFinishReason: raw,
  };
  const usage = readCohereUsage(body.meta);
  if (usage !== undefined) response.usage = usage;
  const extras = unknownFields(body, RESPONSE_FIELDS);
  if (extras !== undefined) response.extras = { [PROTOCOL]: extras };
  return response;
}
