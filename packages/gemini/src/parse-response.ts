import { isObject, type ChatResponse, type JsonObject } from '@fluxcore/message';
import { camelFields, camelRecord, expectCamelObject } from './camel-keys.js';
import { modelPartsFromWire } from './content-parse.js';
import { geminiErrorFromBody, invalidUpstream } from './errors.js';
import { geminiExtras } from './extras.js';
import { blockReasonOf, fromGeminiFinishReason, PROMPT_BLOCKED } from './finish-reason.js';
import { fallbackResponseId } from './ids.js';
import { fromUsageMetadata, USAGE_COUNTS } from './usage.js';

const TOP_KEYS = new Set(['candidates', 'usageMetadata', 'modelVersion', 'responseId']);
const CANDIDATE_KEYS = new Set(['content', 'finishReason', 'index']);
const USAGE_KEYS: ReadonlySet<string> = new Set(USAGE_COUNTS);

/**
 * Parse a complete `generateContent` answer (the first candidate). A prompt blocked before
 * generation (`promptFeedback.blockReason`, no candidates) is a `content_filter` answer with no
 * content. Unmodelled fields (safety ratings, citations, `promptFeedback`...) go to
 * `extras.gemini` so that a Gemini client gets them back.
 */
export function parseGeminiResponse(body: unknown): ChatResponse {
  if (!isObject(body)) throw invalidUpstream('body', 'a JSON object');
  if (isObject(body.error)) throw geminiErrorFromBody(body, 200);
  const top = camelFields(body, '', invalidUpstream);
  const responseId = top.string('responseId');
  const candidates = top.array('candidates') ?? [];
  const blockReason = blockReasonOf(top);
  if (candidates.length === 0 && blockReason === undefined) throw invalidUpstream('candidates', 'at least one candidate (or a promptFeedback.blockReason)');
  const extras: JsonObject = { ...top.rest(TOP_KEYS) };
  const response: ChatResponse = { id: responseId ?? fallbackResponseId(), model: top.string('modelVersion') ?? '', content: [], finishReason: PROMPT_BLOCKED };
  const first = candidates[0];
  if (first !== undefined) {
    const candidate = expectCamelObject(first, 'candidates[0]', invalidUpstream, 'a Candidate object');
    const contentFields = camelRecord(candidate, 'content');
    const parts = contentFields?.array('parts') ?? [];
    const converted = modelPartsFromWire(parts, 'candidates[0].content.parts', invalidUpstream, { seed: responseId ?? '', position: 0 });
    response.content = converted.parts;
    if (converted.unmodelled.length > 0) extras.unmodelledParts = converted.unmodelled.map(({ before, part }) => ({ before, part }));
    const raw = candidate.string('finishReason') ?? 'STOP';
    response.finishReason = fromGeminiFinishReason(
      raw,
      response.content.some((part) => part.type === 'tool-call'),
    );
    response.rawFinishReason = raw;
    const candidateRest = candidate.rest(CANDIDATE_KEYS);
    const contentRest = contentFields?.rest(new Set(['parts', 'role']));
    if (candidateRest !== undefined) extras.candidate = candidateRest;
    if (contentRest !== undefined) extras.content = contentRest;
  } else if (blockReason !== undefined) {
    response.rawFinishReason = blockReason;
  }
  const usage = fromUsageMetadata(top.raw('usageMetadata'), invalidUpstream);
  if (usage !== undefined) response.usage = usage;
  const usageRest = camelRecord(top, 'usageMetadata')?.rest(USAGE_KEYS);
  if (usageRest !== undefined) extras.usageMetadata = usageRest;
  const wrapped = geminiExtras(extras);
  if (wrapped !== undefined) response.extras = wrapped;
  return response;
}
