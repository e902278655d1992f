import type { InboundContext, ProtocolAdapter, StreamEvent, TokenUsage } from '@fluxcore/message';
import { encodeEvents, textEvents, toolCallEvents } from '@fluxcore/testkit';

type Block =
  | { kind: 'text'; deltas: string[] }
  | { kind: 'reasoning'; deltas: string[]; redacted?: boolean }
  | { kind: 'tool'; id: string; name: string; deltas: string[] };

/** Build a valid IR event sequence: start, blocks numbered 0.. in order, optional usage, finish. */
export function sequence(blocks: Block[], finish: Extract<StreamEvent, { type: 'finish' }>, options: { earlyUsage?: Partial<TokenUsage> } = {}): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', id: 'resp_1', model: 'm' }];
  if (options.earlyUsage !== undefined) events.push({ type: 'usage', usage: options.earlyUsage });
  blocks.forEach((block, index) => {
    if (block.kind === 'tool') {
      events.push(...toolCallEvents(index, block.id, block.name, ...block.deltas));
    } else if (block.kind === 'text') {
      events.push(...textEvents(index, ...block.deltas));
    } else {
      events.push(block.redacted ? { type: 'reasoning-start', index, redacted: { family: 'anthropic', value: 'opaque' } } : { type: 'reasoning-start', index });
      for (const text of block.deltas) events.push({ type: 'reasoning-delta', index, text });
      events.push({ type: 'reasoning-end', index, signature: { family: 'anthropic', value: 'sig' } });
    }
  });
  events.push(finish);
  return events;
}

const usage = { inputTokens: 12, outputTokens: 7, cachedInputTokens: 4 };

/** The event sequences every encoder must render in its protocol's grammar. */
export const SEQUENCES = {
  'text only': sequence([{ kind: 'text', deltas: ['Hel', 'lo'] }], { type: 'finish', finishReason: 'stop', usage }),
  'reasoning then text': sequence(
    [
      { kind: 'reasoning', deltas: ['think', 'ing'] },
      { kind: 'text', deltas: ['done'] },
    ],
    { type: 'finish', finishReason: 'stop', usage },
  ),
  'redacted reasoning then text': sequence(
    [
      { kind: 'reasoning', deltas: [], redacted: true },
      { kind: 'text', deltas: ['ok'] },
    ],
    { type: 'finish', finishReason: 'stop' },
  ),
  'several tool calls': sequence(
    [
      { kind: 'text', deltas: ['Checking.'] },
      { kind: 'tool', id: 'call_a', name: 'weather', deltas: ['{"city"', ':"Oslo"}'] },
      { kind: 'tool', id: 'call_b', name: 'weather', deltas: ['{"city":"Lima"}'] },
    ],
    { type: 'finish', finishReason: 'tool_calls', usage },
  ),
  'tool call without text or arguments': sequence([{ kind: 'tool', id: 'call_c', name: 'now', deltas: [] }], { type: 'finish', finishReason: 'tool_calls' }),
  'usage arriving early only': sequence(
    [{ kind: 'text', deltas: ['x'] }],
    { type: 'finish', finishReason: 'length' },
    { earlyUsage: { inputTokens: 3, outputTokens: 1 } },
  ),
  'no usage at all': sequence([{ kind: 'text', deltas: ['x'] }], { type: 'finish', finishReason: 'stop', stopSequence: 'END' }),
  'empty answer': sequence([], { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'refusal' }),
  'text mentioning the SSE terminator': sequence([{ kind: 'text', deltas: ['literal [DONE] inside', ' text [DONE]'] }], {
    type: 'finish',
    finishReason: 'stop',
    usage,
  }),
} satisfies Record<string, StreamEvent[]>;

/** The name of one of {@link SEQUENCES}. */
export type SequenceName = keyof typeof SEQUENCES;

/** What the tests' encoders are created with: a streamed request. */
export const STREAM_CONTEXT: InboundContext = { request: { messages: [], stream: true } };

/** The wire text a fresh encoder of `adapter` writes for the named sequence. */
export function encodeSequence(adapter: Pick<ProtocolAdapter, 'createStreamEncoder'>, name: SequenceName): string {
  return encodeEvents(adapter.createStreamEncoder(STREAM_CONTEXT), SEQUENCES[name]);
}
