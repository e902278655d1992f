import { createFramePassthrough, type StreamPassthrough } from '@fluxcore/message';
import { createGeminiStreamDecoder } from './stream-decoder.js';

/**
 * Same protocol on both sides: the upstream's chunks go to the client verbatim (safety ratings,
 * citations, grounding, `modelVersion`, ...), up to the chunk that finishes the answer. What an
 * upstream sends after that is dropped, as the decoder ignores it too.
 */
export function createGeminiPassthrough(): StreamPassthrough {
  let finished = false;
  return createFramePassthrough({
    framing: 'sse',
    decoder: createGeminiStreamDecoder(),
    keep: (_frame, events) => {
      if (finished) return false;
      finished = events.some((event) => event.type === 'finish');
      return true;
    },
  });
}
