import { FluxError } from '@fluxcore/errors';
import { describe, expect, it, vi } from 'vitest';
import {
  FieldReader,
  compact,
  expectArray,
  invalidRequest,
  jsonText,
  optionalCount,
  optionalStringArray,
  unknownFields,
  upstreamProtocol,
} from './wire-read.js';

function failureOf(run: () => unknown): FluxError {
  try {
    run();
  } catch (error) {
    if (error instanceof FluxError) return error;
    throw error;
  }
  throw new Error('expected a FluxError');
}

describe('wire readers', () => {
  const request = new FieldReader({ model: 'm', n: null, temperature: '0.2', tags: ['a', 1] }, 'body', invalidRequest);

  it('read absent and null fields as undefined', () => {
    expect(request.string('missing')).toBeUndefined();
    expect(request.count('n')).toBeUndefined();
    expect(request.raw('n')).toBeUndefined();
  });

  it('fail a client body with invalid_request naming the field by its path', () => {
    const error = failureOf(() => request.number('temperature'));
    expect(error.category).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.param).toBe('body.temperature');
    expect(error.message).toBe('body.temperature: expected a number');
  });

  it('name the element of an array that is wrong', () => {
    expect(failureOf(() => request.stringArray('tags')).param).toBe('body.tags[1]');
    expect(failureOf(() => optionalStringArray([1], 'stop', invalidRequest)).message).toBe('stop[0]: expected a string');
  });

  it('fail a provider answer with upstream_protocol, saying whose answer it was', () => {
    const error = failureOf(() => expectArray({}, 'choices', upstreamProtocol('openai')));
    expect(error.category).toBe('upstream_protocol');
    expect(error.message).toBe('openai choices: expected an array');
  });

  it('accept only integers >= 0 as counts', () => {
    expect(optionalCount(3, 'n', invalidRequest)).toBe(3);
    expect(failureOf(() => optionalCount(-1, 'n', invalidRequest)).message).toBe('n: expected a non-negative integer');
    expect(failureOf(() => optionalCount(1.5, 'n', invalidRequest)).param).toBe('n');
  });

  it('read a nested object with its fields named under its path', () => {
    const body = new FieldReader({ stream_options: { include_usage: 'yes' } }, '', invalidRequest);
    expect(body.reader('missing')).toBeUndefined();
    expect(failureOf(() => body.reader('stream_options')?.boolean('include_usage')).param).toBe('stream_options.include_usage');
    expect(failureOf(() => request.reader('model')).param).toBe('body.model');
  });

  it('name top-level fields without a leading dot', () => {
    expect(new FieldReader({ stream: 'yes' }, '', invalidRequest).at('stream')).toBe('stream');
    expect(failureOf(() => new FieldReader({ stream: 'yes' }, '', invalidRequest).boolean('stream')).param).toBe('stream');
  });

  it('build a field’s path only for a value that is not well formed', () => {
    const fields = new FieldReader({ s: 'x', n: 1.5, i: 2, b: true, o: {}, a: [], t: ['x'], bad: 'x' }, 'chunk.part', invalidRequest);
    const at = vi.spyOn(fields, 'at');
    const reads = [
      fields.string('s'),
      fields.number('n'),
      fields.integer('i'),
      fields.count('i'),
      fields.boolean('b'),
      fields.record('o'),
      fields.array('a'),
      fields.string('missing'),
    ];
    expect(reads).toEqual(['x', 1.5, 2, 2, true, {}, [], undefined]);
    expect(at).not.toHaveBeenCalled();
    expect(failureOf(() => fields.integer('n')).param).toBe('chunk.part.n');
    expect(failureOf(() => fields.count('bad')).param).toBe('chunk.part.bad');
    expect(at).toHaveBeenCalledTimes(2);
  });

  it('keep unknown fields and drop undefined ones', () => {
    expect(unknownFields({ a: 1, b: 2 }, new Set(['a']))).toEqual({ b: 2 });
    expect(unknownFields({ a: 1 }, new Set(['a']))).toBeUndefined();
    expect(compact({ a: 0, b: undefined, c: false })).toEqual({ a: 0, c: false });
  });

  it('turn JSON too deep to write back into the failure at its path, not a RangeError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const error = failureOf(() => jsonText(deep as never, 'tools[0].parameters', invalidRequest));
    expect(error.param).toBe('tools[0].parameters');
  });
});
