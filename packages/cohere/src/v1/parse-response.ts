import type { AssistantPart, ChatResponse } from '@fluxcore/message';
import { readCohereUsage } from '../shared/usage.js';
import { isObject, leftoverFields, upstreamProtocol } from '../shared/wire-input.js';
import { toCanonicalFinish } from './finish-reason.js';
import { PROTOCOL } from './names.js';
import { readToolCalls } from './tool-calls.js';

const RESPONSE_FIELDS = new Set(['text', 'generation_id', 'finish_reason', 'tool_calls']);

/**
 * Parse a Cohere v1 chat response: `text`, then `tool_calls` with derived ids. The id is the
 * `generation_id` (the id the stream's `stream-start` carries too). Everything else
 * (`response_id`, `chat_history`, `citations`, `meta`, ...) is kept in `extras['cohere-v1']`.
 */
export function parseCohereV1Response(body: unknown): ChatResponse {
  if (!isObject(body)) throw upstreamProtocol('response body is not a JSON object');
  if (typeof body.text !== 'string') throw upstreamProtocol('response has no text');
  const calls = readToolCalls(body.tool_calls);
  const content: AssistantPart[] = body.text === '' ? [] : [{ type: 'text', text: body.text }];
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
  const extras = leftoverFields(body, RESPONSE_FIELDS);
  if (extras !== undefined) response.extras = { [PROTOCOL]: extras };
  return response;
}
