import { expectObject, preview, tryParseJson, type JsonObject } from '@fluxcore/message';
import { badUpstream } from './errors.js';

/**
 * The JSON of one upstream stream frame, for `readJsonFrame` when its reader does not know the
 * frame's shape: a v1 NDJSON line, or the data of a v2 SSE event. Two functions, not one
 * taking the frame's name, so the hot path passes a function without making a closure.
 */
export function parseStreamLine(text: string): JsonObject {
  return parseFrame(text, 'stream line');
}

export function parseStreamEvent(text: string): JsonObject {
  return parseFrame(text, 'stream event');
}

function parseFrame(text: string, path: string): JsonObject {
  const parsed = tryParseJson(text);
  if (parsed === undefined) throw badUpstream(path, `JSON, got ${preview(text)}`);
  return expectObject(parsed, path, badUpstream);
}
