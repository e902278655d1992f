import type { StreamEvent } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { irGrammarViolation } from './ir-grammar.js';

const text: StreamEvent[] = [
  { type: 'start' },
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, text: 'Hi' },
  { type: 'text-end', index: 0 },
  { type: 'usage', usage: { inputTokens: 1 } },
  { type: 'finish', finishReason: 'stop' },
];

describe('irGrammarViolation', () => {
  it('accepts start, closed blocks numbered from 0, usage anywhere, then finish', () => {
    expect(irGrammarViolation(text)).toBeUndefined();
  });

  it.each([
    ['no start first', text.slice(1), /must begin with start/],
    ['a block left open', text.filter((e) => e.type !== 'text-end'), /block 0 is still open/],
    ['a block numbered out of order', text.map((e) => ('index' in e ? { ...e, index: 1 } : e)), /index 1, expected 0/],
    ['events after finish', [...text, { type: 'usage', usage: {} } as StreamEvent], /events follow finish/],
    ['no finish', text.slice(0, -1), /has no finish/],
  ])('reports %s', (_name, events, message) => {
    expect(irGrammarViolation(events)).toMatch(message);
  });
});
