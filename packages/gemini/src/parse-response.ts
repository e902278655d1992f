import type { ChatResponse, JsonObject } from '@fluxcore/message';
import { geminiErrorFromBody } from './errors.js';
import { fromGeminiFinishReason, PROMPT_BLOCKED } from './finish-reason.js';
import { geminiExtras, modelPartsFromWire } from './content-parse.js';
import { FieldReader, invalidUpstream, isObject } from './read.js';
import { fromUsageMetadata } from './usage.js';

const TOP_KEYS = new Set(['candidates', 'usageMetadata', 'modelVersion', 'responseId']);
const CANDIDATE_KEYS = new Set(['content', 'finishReason', 'index']);
const USAGE_KEYS = new Set(['promptTokenCount', 'cachedContentTokenCount', 'candidatesTokenCount', 'thoughtsTokenCount', 'toolUsePromptTokenCount', 'totalTokenCount']);

/** A fallback response id, for bodies without `responseId`. */
let counter = 0;
function fallbackId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `gemini-${Date.now().toString(36)}-${counter.toString(36)}`;
}

/**
 * Parse a complete `generateContent` answer (the first candidate). A prompt blocked before
 * generation (`promptFeedback.blockReason`, no candidates) is a `content_filter` answer with no
 * content. Unmodelled fields (safety ratings, citations, `promptFeedback`...) go to
 * `extras.gemini` so that a Gemini client gets them back.
 */
export function parseGeminiResponse(body: unknown): ChatResponse {
  if (!isObject(body)) throw invalidUpstream('body', 'a JSON object');
  if (isObject(body.error)) throw geminiErrorFromBody(body, 200);
  const top = new FieldReader(body, '', invalidUpstream);
  const responseId = top.string('responseId');
  const candidates = top.array('candidates') ?? [];
  const blockReason = blockReasonOf(top);
  if (candidates.length === 0 && blockReason === undefined) throw invalidUpstream('candidates', 'at least one candidate (or a promptFeedback.blockReason)');
  const extras: JsonObject = { ...top.rest(TOP_KEYS) };
  const response: ChatResponse = { id: responseId ?? fallbackId(), model: top.string('modelVersion') ?? '', content: [], finishReason: PROMPT_BLOCKED };
  const first = candidates[0];
  if (first !== undefined) {
    if (!isObject(first)) throw invalidUpstream('candidates[0]', 'a Candidate object');
    const candidate = new FieldReader(first, 'candidates[0]', invalidUpstream);
    const content = candidate.record('content');
    const contentFields = content === undefined ? undefined : new FieldReader(content, candidate.at('content'), invalidUpstream);
    const parts = contentFields?.array('parts') ?? [];
    const converted = modelPartsFromWire(parts, 'candidates[0].content.parts', invalidUpstream, { seed: responseId ?? '', position: 0 });
    response.content = converted.parts;
    if (converted.unmodelled.length > 0) extras.unmodelledParts = converted.unmodelled.map(({ before, part }) => ({ before, part }));
    const raw = candidate.string('finishReason') ?? 'STOP';
    response.finishReason = fromGeminiFinishReason(raw, response.content.some((part) => part.type === 'tool-call'));
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
  const usageFields = top.record('usageMetadata');
  const usageRest = usageFields === undefined ? undefined : new FieldReader(usageFields, 'usageMetadata', invalidUpstream).rest(USAGE_KEYS);
  if (usageRest !== undefined) extras.usageMetadata = usageRest;
  const wrapped = geminiExtras(extras);
  if (wrapped !== undefined) response.extras = wrapped;
  return response;
}

/** `promptFeedback.blockReason`, when the prompt was blocked. */
export function blockReasonOf(top: FieldReader): string | undefined {
  const feedback = top.record('promptFeedback');
  return feedback === undefined ? undefined : new FieldReader(feedback, top.at('promptFeedback'), top.error).string('blockReason');
}
