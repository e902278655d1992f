import { FramedStreamDecoder, type FinishEvent, type FinishReason, type FrameSource, type StreamEvent } from '@fluxcore/message';
import { BlockTracker } from './block-tracker.js';
import { badUpstream } from './errors.js';
import { readCohereUsage } from './usage.js';

/**
 * What the v1 and v2 stream decoders share: the IR blocks, one `start` before anything else,
 * the closing `usage` and `finish`, and the check that the upstream did not close the stream
 * before its last event (`lastEvent`: v1 `stream-end`, v2 `message-end`).
 */
export abstract class CohereStreamDecoderBase<Frame> extends FramedStreamDecoder<Frame> {
  protected readonly blocks = new BlockTracker();
  /** The last event was read: the stream has said all it will. */
  protected finished = false;
  private started = false;

  constructor(
    frames: FrameSource<Frame>,
    private readonly lastEvent: string,
  ) {
    super(frames);
  }

  protected onEnd(): void {
    if (!this.finished) throw badUpstream('stream', `${this.lastEvent} before the stream ends`);
  }

  /** Emit `start` unless it was emitted already; the first event to arrive decides whether it carries an id. */
  protected start(out: StreamEvent[], id?: string): void {
    if (this.started) return;
    this.started = true;
    out.push(id === undefined ? { type: 'start' } : { type: 'start', id });
  }

  /** Close the open block, then emit the usage `usageSource` holds (Cohere's usage shape) and the finish. */
  protected finish(out: StreamEvent[], finishReason: FinishReason, rawFinishReason: string | undefined, usageSource: unknown): void {
    this.blocks.close(out);
    const finish: FinishEvent = { type: 'finish', finishReason };
    if (rawFinishReason !== undefined) finish.rawFinishReason = rawFinishReason;
    const usage = readCohereUsage(usageSource);
    if (usage !== undefined) {
      out.push({ type: 'usage', usage });
      finish.usage = usage;
    }
    out.push(finish);
    this.finished = true;
  }
}
