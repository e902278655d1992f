import type { StreamEvent } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { encodeEvents, reasoningEvents, textEvents, toolCallEvents } from './stream-events.js';

describe('stream event builders', () => {
  it('build a text block: start, one delta per piece, end', () => {
    expect(textEvents(2, 'Hel', 'lo')).toEqual([
      { type: 'text-start', index: 2 },
      { type: 'text-delta', index: 2, text: 'Hel' },
      { type: 'text-delta', index: 2, text: 'lo' },
      { type: 'text-end', index: 2 },
    ]);
  });

  it('build a reasoning block, its end signed only when given a signature', () => {
    expect(reasoningEvents(0, ['think'], { family: 'anthropic', value: 'sig' })).toEqual([
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, text: 'think' },
      { type: 'reasoning-end', index: 0, signature: { family: 'anthropic', value: 'sig' } },
    ]);
    expect(reasoningEvents(1, []).at(-1)).toEqual({ type: 'reasoning-end', index: 1 });
  });

  it('build a tool call block, with no delta for a call without arguments', () => {
    expect(toolCallEvents(1, 'call_a', 'f', '{"a"', ':1}')).toEqual([
      { type: 'tool-call-start', index: 1, id: 'call_a', name: 'f' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"a"' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: ':1}' },
      { type: 'tool-call-end', index: 1 },
    ]);
    expect(toolCallEvents(0, 'call_b', 'now').map((event) => event.type)).toEqual(['tool-call-start', 'tool-call-end']);
  });
});

describe('encodeEvents', () => {
  it('joins what the encoder writes for each event, in order', () => {
    const encoder = { encode: (event: StreamEvent) => (event.type === 'text-delta' ? `[${event.text}]` : ''), fail: () => '' };
    expect(encodeEvents(encoder, textEvents(0, 'a', 'b'))).toBe('[a][b]');
  });
});
