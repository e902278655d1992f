import type { GrammarResult, GrammarValidator } from '@fluxcore/adapter-kit';
import { isObject } from '@fluxcore/message';

const FINISH_REASONS = new Set([
  'FINISH_REASON_UNSPECIFIED',
  'STOP',
  'MAX_TOKENS',
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'MALFORMED_FUNCTION_CALL',
  'IMAGE_SAFETY',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
  'IMAGE_PROHIBITED_CONTENT',
  'NO_IMAGE',
  'IMAGE_RECITATION',
  'IMAGE_OTHER',
]);
const DATA_FIELDS = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse', 'executableCode', 'codeExecutionResult'];
const USAGE_FIELDS = [
  'promptTokenCount',
  'cachedContentTokenCount',
  'candidatesTokenCount',
  'thoughtsTokenCount',
  'toolUsePromptTokenCount',
  'totalTokenCount',
];

/**
 * Checks a Gemini `streamGenerateContent?alt=sse` body the way @google/genai reads it: events
 * split on a blank line (`\n\n`, `\r\r`, `\r\n\r\n`), each a single `data: <json>` line (an
 * event that starts with `event:` is skipped by the SDK, a second `data:` line breaks its JSON
 * parse), the last event terminated (otherwise "Incomplete JSON segment at the end"), no
 * `[DONE]`. Every chunk is a GenerateContentResponse whose first candidate has role `model`
 * and non-empty parts with exactly one data field each (the SDK's chat history drops a turn
 * otherwise); `finishReason` appears exactly once, on the last chunk, which also carries the
 * usage when any chunk did; usage totals never go down; the response id does not change.
 * An error chunk `{"error":{"code":400..599,"message","status"}}` must be last.
 */
export const validateGeminiStream: GrammarValidator = (wire) => {
  const result: GrammarResult = { errors: [], text: '', reasoning: '', toolCalls: [], endedWithError: false };
  const fail = (message: string) => result.errors.push(message);
  const events = splitEvents(wire, fail);
  if (events.length === 0) fail('the stream has no events');
  let finishAt = -1;
  let usageSeen = false;
  let lastUsage: Record<string, number> | undefined;
  let responseId: unknown;
  events.forEach((event, n) => {
    const where = `event ${n}`;
    if (result.endedWithError) return fail(`${where}: data after the error chunk`);
    if (finishAt !== -1) return fail(`${where}: data after the chunk with finishReason`);
    if (!event.startsWith('data:')) return fail(`${where}: does not start with "data:" (the SDK skips it): ${event.slice(0, 40)}`);
    if (event.includes('\n') || event.includes('\r')) return fail(`${where}: more than one line (the SDK parses one data line per event)`);
    const data = event.slice('data:'.length).trim();
    if (data === '[DONE]') return fail(`${where}: Gemini streams have no [DONE]`);
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      return fail(`${where}: data is not JSON`);
    }
    if (!isObject(chunk)) return fail(`${where}: data is not a JSON object`);
    if (chunk.error !== undefined) return checkError(chunk.error, where, result, fail);
    if (n > 0 && chunk.responseId !== responseId) fail(`${where}: responseId changed from ${String(responseId)} to ${String(chunk.responseId)}`);
    responseId = chunk.responseId;
    const usage = readUsage(chunk.usageMetadata, where, fail);
    if (usage !== undefined) {
      for (const [name, value] of Object.entries(usage)) {
        if (lastUsage?.[name] !== undefined && value < lastUsage[name]!) fail(`${where}: usageMetadata.${name} went down (${lastUsage[name]} -> ${value})`);
      }
      usageSeen = true;
      lastUsage = usage;
      result.usage = usage;
    }
    if (chunk.candidates === undefined && isObject(chunk.promptFeedback) && typeof chunk.promptFeedback.blockReason === 'string') {
      finishAt = n;
      result.finishReason = chunk.promptFeedback.blockReason;
      return;
    }
    if (!Array.isArray(chunk.candidates) || chunk.candidates.length === 0) return fail(`${where}: no candidates`);
    const candidate: unknown = chunk.candidates[0];
    if (!isObject(candidate)) return fail(`${where}: candidates[0] is not an object`);
    if (candidate.index !== undefined && candidate.index !== 0) fail(`${where}: candidates[0].index is ${String(candidate.index)}`);
    checkContent(candidate.content, where, result, fail);
    if (candidate.finishReason !== undefined) {
      if (typeof candidate.finishReason !== 'string' || !FINISH_REASONS.has(candidate.finishReason))
        fail(`${where}: unknown finishReason ${String(candidate.finishReason)}`);
      result.finishReason = String(candidate.finishReason);
      finishAt = n;
      if (usageSeen && usage === undefined) fail(`${where}: the last chunk has no usageMetadata although earlier chunks had`);
    }
  });
  if (!result.endedWithError && finishAt === -1 && events.length > 0) fail('no chunk carries a finishReason (the SDK treats the turn as unfinished)');
  return result;
};

/** Split like the SDK: earliest of the three delimiters; leftover text is an error. */
function splitEvents(wire: string, fail: (message: string) => void): string[] {
  const events: string[] = [];
  let buffer = wire;
  for (;;) {
    let at = -1;
    let length = 0;
    for (const delimiter of ['\n\n', '\r\r', '\r\n\r\n']) {
      const index = buffer.indexOf(delimiter);
      if (index !== -1 && (at === -1 || index < at)) {
        at = index;
        length = delimiter.length;
      }
    }
    if (at === -1) break;
    const event = buffer.slice(0, at).trim();
    buffer = buffer.slice(at + length);
    if (event !== '') events.push(event);
  }
  if (buffer.trim() !== '') fail(`the stream ends inside an unterminated event: ${buffer.slice(0, 40)}`);
  return events;
}

function checkError(error: unknown, where: string, result: GrammarResult, fail: (message: string) => void): void {
  result.endedWithError = true;
  if (!isObject(error)) return void fail(`${where}: error is not an object`);
  if (typeof error.code !== 'number' || error.code < 400 || error.code > 599) fail(`${where}: error.code must be a number in 400..599 for the SDK to throw`);
  if (typeof error.message !== 'string') fail(`${where}: error.message is not a string`);
  if (typeof error.status !== 'string') fail(`${where}: error.status is not a string`);
}

function readUsage(value: unknown, where: string, fail: (message: string) => void): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    fail(`${where}: usageMetadata is not an object`);
    return undefined;
  }
  const usage: Record<string, number> = {};
  for (const name of USAGE_FIELDS) {
    const count = value[name];
    if (count === undefined) continue;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) fail(`${where}: usageMetadata.${name} is not a count`);
    else usage[name] = count;
  }
  const sum = (usage.promptTokenCount ?? 0) + (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  if (usage.totalTokenCount !== undefined && usage.totalTokenCount !== sum)
    fail(`${where}: totalTokenCount ${usage.totalTokenCount} is not prompt + candidates + thoughts (${sum})`);
  return usage;
}

function checkContent(content: unknown, where: string, result: GrammarResult, fail: (message: string) => void): void {
  if (!isObject(content)) return void fail(`${where}: candidates[0].content is missing`);
  if (content.role !== 'model') fail(`${where}: content.role is ${String(content.role)}, not "model"`);
  if (!Array.isArray(content.parts) || content.parts.length === 0) return void fail(`${where}: content.parts is empty`);
  content.parts.forEach((part: unknown, i) => {
    const at = `${where} part ${i}`;
    if (!isObject(part)) return fail(`${at}: not an object`);
    const fields = DATA_FIELDS.filter((name) => part[name] !== undefined);
    if (fields.length !== 1) return fail(`${at}: has ${fields.length} data fields (${fields.join(', ')}), expected exactly one`);
    if (part.thoughtSignature !== undefined && typeof part.thoughtSignature !== 'string') fail(`${at}: thoughtSignature is not a string`);
    if (part.thought !== undefined && (part.thought !== true || typeof part.text !== 'string')) fail(`${at}: thought must be true on a text part`);
    if (typeof part.text === 'string') {
      if (part.thought === true) result.reasoning += part.text;
      else result.text += part.text;
    } else if (part.text !== undefined) fail(`${at}: text is not a string`);
    if (part.functionCall !== undefined) checkCall(part.functionCall, at, result, fail);
  });
}

function checkCall(call: unknown, at: string, result: GrammarResult, fail: (message: string) => void): void {
  if (!isObject(call)) return void fail(`${at}: functionCall is not an object`);
  if (typeof call.name !== 'string' || call.name === '') return void fail(`${at}: functionCall.name is missing`);
  if (call.args !== undefined && !isObject(call.args)) fail(`${at}: functionCall.args is not an object`);
  if (call.id !== undefined && typeof call.id !== 'string') fail(`${at}: functionCall.id is not a string`);
  const entry: GrammarResult['toolCalls'][number] = { name: call.name, arguments: JSON.stringify(call.args ?? {}) };
  if (typeof call.id === 'string') entry.id = call.id;
  result.toolCalls.push(entry);
}
