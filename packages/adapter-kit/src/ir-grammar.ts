import type { StreamEvent } from '@fluxcore/message';

type BlockKind = 'text' | 'reasoning' | 'tool-call';

const BLOCK_EVENT: Readonly<Record<string, [BlockKind, 'start' | 'delta' | 'end']>> = {
  'text-start': ['text', 'start'],
  'text-delta': ['text', 'delta'],
  'text-end': ['text', 'end'],
  'reasoning-start': ['reasoning', 'start'],
  'reasoning-delta': ['reasoning', 'delta'],
  'reasoning-end': ['reasoning', 'end'],
  'tool-call-start': ['tool-call', 'start'],
  'tool-call-delta': ['tool-call', 'delta'],
  'tool-call-end': ['tool-call', 'end'],
};

/**
 * The first breach of the IR stream grammar (stream-event.ts) in a complete decoded stream:
 * `start` first and once, `finish` last and once, at most one block open, blocks numbered
 * 0, 1, 2... and every delta and end addressed to the open block. Undefined when it holds.
 */
export function irGrammarViolation(events: readonly StreamEvent[]): string | undefined {
  let open: { kind: BlockKind; index: number } | undefined;
  let nextIndex = 0;
  for (const [position, event] of events.entries()) {
    const at = `event ${position} (${event.type})`;
    if (position === 0 && event.type !== 'start') return `${at}: the stream must begin with start`;
    if (position > 0 && event.type === 'start') return `${at}: a second start`;
    if (event.type === 'finish') {
      if (open !== undefined) return `${at}: block ${open.index} is still open`;
      if (position !== events.length - 1) return `${at}: events follow finish`;
      continue;
    }
    const block = BLOCK_EVENT[event.type];
    if (block === undefined || !('index' in event)) continue;
    const [kind, step] = block;
    if (step === 'start') {
      if (open !== undefined) return `${at}: block ${open.index} is still open`;
      if (event.index !== nextIndex) return `${at}: index ${event.index}, expected ${nextIndex}`;
      open = { kind, index: nextIndex++ };
      continue;
    }
    if (open === undefined || open.kind !== kind || open.index !== event.index) return `${at}: no open ${kind} block ${event.index}`;
    if (step === 'end') open = undefined;
  }
  if (events.at(-1)?.type !== 'finish') return 'the stream has no finish';
  return undefined;
}
