import { FluxError } from '@fluxcore/errors';
import type { ChatRequest, FinishReason, StreamEvent, TokenUsage } from '@fluxcore/message';
import { encodeEvents, textEvents, toolCallEvents, validateOpenaiStream } from '@fluxcore/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openai } from './index.js';

const request = (streamUsage?: boolean): ChatRequest => ({
  model: 'client-model',
  messages: [],
  stream: true,
  ...(streamUsage === undefined ? {} : { streamUsage }),
});

const encode = (events: StreamEvent[], streamUsage = true): string => encodeEvents(openai.createStreamEncoder({ request: request(streamUsage) }), events);

const usage: TokenUsage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4, reasoningTokens: 2 };
const start: StreamEvent = { type: 'start', id: 'resp-1', model: 'up-model', created: 7 };
const finish = (finishReason: FinishReason, withUsage?: TokenUsage): StreamEvent => ({
  type: 'finish',
  finishReason,
  ...(withUsage ? { usage: withUsage } : {}),
});

describe('OpenAI stream encoder', () => {
  it('sends the role first, text deltas, the finish chunk, the usage chunk and [DONE]', () => {
    const wire = encode([start, ...textEvents(0, 'Hel', 'lo'), finish('stop', usage)]);
    const result = validateOpenaiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ text: 'Hello', finishReason: 'stop' });
    expect(result.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      'prompt_tokens_details.cached_tokens': 4,
      'completion_tokens_details.reasoning_tokens': 2,
    });
    const first = JSON.parse(wire.split('\n\n')[0]!.slice(6));
    expect(first).toEqual({
      id: 'resp-1',
      object: 'chat.completion.chunk',
      created: 7,
      model: 'up-model',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
      usage: null,
    });
  });

  it('sends no usage chunk when the client did not ask for one', () => {
    const wire = encode([start, ...textEvents(0, 'a'), finish('stop', usage)], false);
    const result = validateOpenaiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result.usage).toBeUndefined();
    expect(wire).not.toContain('"usage"');
  });

  it('numbers tool calls from 0 whatever their block index, id and name first, then fragments', () => {
    const wire = encode([
      start,
      ...textEvents(0, 'Let me look.'),
      ...toolCallEvents(1, 'call_a', 'f', '{"x"', ':1}'),
      ...toolCallEvents(2, 'call_b', 'g', '{}'),
      finish('tool_calls'),
    ]);
    const result = validateOpenaiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result.toolCalls).toEqual([
      { id: 'call_a', name: 'f', arguments: '{"x":1}' },
      { id: 'call_b', name: 'g', arguments: '{}' },
    ]);
    expect(result.finishReason).toBe('tool_calls');
  });

  it('sends reasoning as reasoning_content and drops signatures', () => {
    const events: StreamEvent[] = [
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, text: 'think' },
      { type: 'reasoning-end', index: 0, signature: { family: 'anthropic', value: 'sig' } },
      ...textEvents(1, 'answer'),
      finish('stop'),
    ];
    const wire = encode(events);
    const result = validateOpenaiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ reasoning: 'think', text: 'answer' });
    expect(wire).not.toContain('sig');
  });

  it('uses usage gathered from usage events when the finish carries none', () => {
    const result = validateOpenaiStream(
      encode([start, { type: 'usage', usage: { inputTokens: 3 } }, ...textEvents(0, 'a'), { type: 'usage', usage: { outputTokens: 1 } }, finish('stop')]),
    );
    expect(result.errors).toEqual([]);
    expect(result.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
  });

  it('still opens with the role when the first event is content, and uses the client model without a start', () => {
    const wire = encode([...textEvents(0, 'x'), finish('length')]);
    const result = validateOpenaiStream(wire);
    expect(result.errors).toEqual([]);
    expect(wire).toContain('"model":"client-model"');
    expect(result.finishReason).toBe('length');
  });

  it('emits nothing after the finish', () => {
    const encoder = openai.createStreamEncoder({ request: request(true) });
    encoder.encode(start);
    encoder.encode(finish('stop'));
    expect(encoder.encode({ type: 'text-delta', index: 0, text: 'late' })).toBe('');
    expect(encoder.fail(new FluxError({ category: 'server', message: 'x' }))).toBe('');
  });

  it('ends a broken stream with an error frame and no [DONE]', () => {
    const encoder = openai.createStreamEncoder({ request: request(true) });
    let wire = encoder.encode(start) + encoder.encode({ type: 'text-start', index: 0 }) + encoder.encode({ type: 'text-delta', index: 0, text: 'part' });
    wire += encoder.fail(new FluxError({ category: 'rate_limit', message: 'upstream rate limited' }));
    const result = validateOpenaiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(true);
    expect(wire).not.toContain('[DONE]');
    expect(wire.trim().split('\n\n').at(-1)).toBe(
      'data: {"error":{"message":"upstream rate limited","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}',
    );
    expect(encoder.encode(finish('stop'))).toBe('');
  });

  it('emits a valid stream for any valid IR event sequence', () => {
    const block = fc.oneof(
      fc.record({ kind: fc.constant('text' as const), deltas: fc.array(fc.string(), { maxLength: 4 }) }),
      fc.record({ kind: fc.constant('reasoning' as const), deltas: fc.array(fc.string(), { maxLength: 4 }) }),
      fc.record({ kind: fc.constant('tool' as const), name: fc.string({ minLength: 1, maxLength: 8 }), deltas: fc.array(fc.string(), { maxLength: 4 }) }),
    );
    const usageArb = fc.record({ inputTokens: fc.nat(1000), outputTokens: fc.nat(1000) });
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 6 }),
        fc.constantFrom<FinishReason>('stop', 'length', 'tool_calls', 'content_filter', 'error', 'other'),
        fc.option(usageArb, { nil: undefined }),
        fc.option(usageArb, { nil: undefined }),
        fc.boolean(),
        (blocks, reason, earlyUsage, finalUsage, streamUsage) => {
          const events: StreamEvent[] = [start];
          if (earlyUsage) events.push({ type: 'usage', usage: earlyUsage });
          let expectedText = '';
          let expectedReasoning = '';
          const expectedCalls: Array<{ id: string; name: string; arguments: string }> = [];
          blocks.forEach((b, index) => {
            if (b.kind === 'text') {
              events.push(...textEvents(index, ...b.deltas));
              expectedText += b.deltas.join('');
            } else if (b.kind === 'reasoning') {
              events.push({ type: 'reasoning-start', index }, ...b.deltas.map((t): StreamEvent => ({ type: 'reasoning-delta', index, text: t })), {
                type: 'reasoning-end',
                index,
              });
              expectedReasoning += b.deltas.join('');
            } else {
              events.push(...toolCallEvents(index, `call_${index}`, b.name, ...b.deltas));
              expectedCalls.push({ id: `call_${index}`, name: b.name, arguments: b.deltas.join('') });
            }
          });
          events.push(finish(reason, finalUsage));
          const result = validateOpenaiStream(encode(events, streamUsage));
          expect(result.errors).toEqual([]);
          expect(result.text).toBe(expectedText);
          expect(result.reasoning).toBe(expectedReasoning);
          expect(result.toolCalls).toEqual(expectedCalls);
          const usageSent = finalUsage ?? earlyUsage;
          expect(result.usage?.prompt_tokens).toBe(streamUsage ? usageSent?.inputTokens : undefined);
        },
      ),
      { numRuns: 300 },
    );
  });
});
