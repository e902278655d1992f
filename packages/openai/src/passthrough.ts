import { createFramePassthrough, SseDecoder, type InboundContext, type StreamEvent, type StreamPassthrough } from '@fluxcore/message';
import { OpenAIStreamDecoder } from './decoder.js';
import { isObject } from './read.js';

/**
 * Same protocol on both sides: the upstream's chunks go to the client verbatim (`logprobs`,
 * `system_fingerprint`, `service_tier`, annotations, `[DONE]`, ...). One exception: the fast
 * path always asks the upstream for `stream_options.include_usage`, so the usage-only chunk
 * (`choices: []`) that adds is dropped when the client did not ask for it. Its counts still
 * reach fluxcore as events.
 */
export function createOpenAIPassthrough(context: InboundContext): StreamPassthrough {
  const decoder = new OpenAIStreamDecoder();
  if (context.request.streamUsage === true) return createFramePassthrough({ framing: 'sse', decoder });
  return createFramePassthrough({ framing: 'sse', decoder, keep: (frame, events) => !isUsageOnlyChunk(frame, events) });
}

/** A chunk that reports usage and has an empty `choices` list. Only frames with a usage event are parsed again. */
function isUsageOnlyChunk(frame: string, events: readonly StreamEvent[]): boolean {
  if (!events.some((event) => event.type === 'usage')) return false;
  const sse = new SseDecoder();
  const data = [...sse.push(frame), ...sse.end()][0]?.data;
  if (data === undefined) return false;
  try {
    const chunk: unknown = JSON.parse(data);
    return isObject(chunk) && Array.isArray(chunk.choices) && chunk.choices.length === 0;
  } catch {
    return false;
  }
}
