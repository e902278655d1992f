import { describe, expect, it } from 'vitest';
import { FramedStreamDecoder } from './framed-decoder.js';
import { NdjsonDecoder } from './ndjson.js';
import type { StreamEvent } from './stream-event.js';

/** A toy protocol: each NDJSON line is a text delta; the stream must end with a line "end". */
class LineDecoder extends FramedStreamDecoder<string> {
  private ended = false;
  constructor() {
    super(new NdjsonDecoder());
  }
  protected onFrame(line: string, out: StreamEvent[]): void {
    if (line === 'end') this.ended = true;
    else out.push({ type: 'text-delta', index: 0, text: line });
  }
  protected onEnd(out: StreamEvent[]): void {
    if (!this.ended) throw new Error('cut short');
    out.push({ type: 'finish', finishReason: 'stop' });
  }
}

describe('FramedStreamDecoder', () => {
  it('hands each whole frame to the protocol, however the chunks split it', () => {
    const decoder = new LineDecoder();
    expect(decoder.push(new TextEncoder().encode('he'))).toEqual([]);
    expect(decoder.pushText('llo\nwor')).toEqual([{ type: 'text-delta', index: 0, text: 'hello' }]);
    expect(decoder.end).toThrow();
  });

  it('flushes the last unterminated frame before the end check', () => {
    const decoder = new LineDecoder();
    decoder.push('a\nend');
    expect(decoder.end()).toEqual([{ type: 'finish', finishReason: 'stop' }]);
  });
});
