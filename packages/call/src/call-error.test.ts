import { FluxError, isFluxError } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from './attempt-record.js';
import { CallError } from './call-error.js';

const attempts: AttemptRecord[] = [{ endpointId: 1, protocol: 'openai', status: 503, category: 'overloaded', durationMs: 12 }];
const overloaded = new FluxError({ category: 'overloaded', message: 'busy', upstreamStatus: 503, retryAfterMs: 2_000 });

describe('CallError', () => {
  it('is named CallError and is still a FluxError', () => {
    const error = new CallError(overloaded, attempts);
    expect(error.name).toBe('CallError');
    expect(String(error)).toBe('CallError: busy');
    expect(error).toBeInstanceOf(FluxError);
    expect(isFluxError(error)).toBe(true);
  });

  it('keeps its attempts and every field when attributed to an endpoint', () => {
    const attributed = new CallError(overloaded, attempts).withEndpoint('eu-1');
    expect(attributed).toBeInstanceOf(CallError);
    expect(attributed.name).toBe('CallError');
    expect(attributed.attempts).toEqual(attempts);
    expect(attributed).toMatchObject({ category: 'overloaded', upstreamStatus: 503, retryAfterMs: 2_000, endpointId: 'eu-1' });
  });
});

describe('toFluxError', () => {
  it('is exported, keeps a FluxError as is, and turns anything else into an internal server error that keeps it only as the cause', async () => {
    const { toFluxError } = await import('./index.js');
    expect(toFluxError(overloaded)).toBe(overloaded);
    const bug = new TypeError('x is undefined');
    const error = toFluxError(bug);
    expect(error).toMatchObject({ category: 'server', status: 500, message: 'internal error in fluxcore' });
    expect(error.cause).toBe(bug);
  });
});
