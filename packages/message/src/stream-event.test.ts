import { describe, expect, it } from 'vitest';
import { isContentEvent, type StreamEvent } from './stream-event.js';

const signature = { family: 'anthropic', value: 'sig' };

describe('isContentEvent', () => {
  it.each<[string, StreamEvent, boolean]>([
    ['start is lifecycle', { type: 'start', id: 'msg_1', model: 'm' }, false],
    ['text-start is lifecycle', { type: 'text-start', index: 0 }, false],
    ['text-delta with text is content', { type: 'text-delta', index: 0, text: 'Hi' }, true],
    ['empty text-delta is not content', { type: 'text-delta', index: 0, text: '' }, false],
    ['text-end is lifecycle', { type: 'text-end', index: 0 }, false],
    ['reasoning-start is lifecycle, redacted or not', { type: 'reasoning-start', index: 0, redacted: signature }, false],
    ['reasoning-delta with text is content', { type: 'reasoning-delta', index: 0, text: 'Let me think' }, true],
    ['empty reasoning-delta is not content', { type: 'reasoning-delta', index: 0, text: '' }, false],
    ['reasoning-end is content (redacted reasoning has no deltas)', { type: 'reasoning-end', index: 0, signature }, true],
    ['tool-call-start is content', { type: 'tool-call-start', index: 1, id: 'call_1', name: 'get_weather' }, true],
    ['tool-call-delta is content, even empty', { type: 'tool-call-delta', index: 1, argumentsDelta: '' }, true],
    ['tool-call-end is lifecycle', { type: 'tool-call-end', index: 1 }, false],
    ['usage is lifecycle', { type: 'usage', usage: { inputTokens: 10 } }, false],
    ['finish is content (an empty answer still commits)', { type: 'finish', finishReason: 'stop' }, true],
  ])('%s', (_name, event, expected) => {
    expect(isContentEvent(event)).toBe(expected);
  });
});
