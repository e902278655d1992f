import { createFramePassthrough, isObject, SseDecoder, tryParseJson, type InboundContext, type StreamEvent, type StreamPassthrough } from '@fluxcore/message';
import { OpenAIStreamDecoder } from './stream-decoder.js';

/**
 * Same protocol on both sides: the upstream's chunks go to the client verbatim (`logprobs`,
 * `system_fingerprint`, `service_tier`, annotations, `[DONE]`, ...). Two exceptions: the fast
 * path always asks the upstream for `stream_options.include_usage`, so the usage-only chunk
 * (`choices: []`) that adds is dropped when the client did not ask for it (its counts still
 * reach fluxcore as events); and nothing after `data: [DONE]` reaches the client, since the
 * stream is over for every OpenAI client at that point. An upstream that ends after its finish
 * chunk without `[DONE]` has the client's stream end with one.
 */
export function createOpenAIPassthrough(context: InboundContext): StreamPassthrough {
  const decoder = new OpenAIStreamDecoder();
  const wantsUsage = context.request.streamUsage === true;
  // The frame passthrough stops after the frame that finishes the answer: here, `[DONE]`.
  let upstreamSentDone = false;
  const keep = (frame: string, events: readonly StreamEvent[]): boolean => {
    if (isDoneFrame(frame)) upstreamSentDone = true;
    return wantsUsage || !isUsageOnlyChunk(frame, events);
  };
  const frames = createFramePassthrough({ framing: 'sse', decoder, keep });
  return {
    push: (chunk) => frames.push(chunk),
    end() {
      const output = frames.end();
      // A stream the upstream ended after its finish chunk but without `[DONE]` is complete (the
      // decoder accepts it); the client still gets the `[DONE]` every OpenAI stream ends with.
      if (!upstreamSentDone) output.wire += DONE_FRAME;
      return output;
    },
  };
}

const DONE_FRAME = 'data: [DONE]\n\n';

/** The `data: [DONE]` frame that ends an OpenAI stream. Only frames mentioning it are parsed again. */
function isDoneFrame(frame: string): boolean {
  if (!frame.includes('[DONE]')) return false;
  return dataOf(frame) === '[DONE]';
}

function dataOf(frame: string): string | undefined {
  const sse = new SseDecoder();
  return [...sse.push(frame), ...sse.end()][0]?.data;
}

/** A chunk that reports usage and has an empty `choices` list. Only frames with a usage event are parsed again. */
function isUsageOnlyChunk(frame: string, events: readonly StreamEvent[]): boolean {
  if (!events.some((event) => event.type === 'usage')) return false;
  const data = dataOf(frame);
  const chunk = data === undefined ? undefined : tryParseJson(data);
  return isObject(chunk) && Array.isArray(chunk.choices) && chunk.choices.length === 0;
}
