import { describe, expect, it } from 'vitest';
import { FinishReasonTable } from './finish-reason-table.js';

const table = new FinishReasonTable(
  { COMPLETE: 'stop', STOP_SEQUENCE: 'stop', MAX_TOKENS: 'length', TIMEOUT: 'error' },
  { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'COMPLETE', content_filter: 'COMPLETE', error: 'ERROR', other: 'COMPLETE' },
  'STOP_SEQUENCE',
);

describe('FinishReasonTable', () => {
  it('reads a documented wire value as its canonical meaning, anything else as other', () => {
    expect(table.canonical('MAX_TOKENS')).toBe('length');
    expect(table.canonical('NEW_REASON')).toBe('other');
    expect(table.canonical('constructor')).toBe('other');
  });

  it("keeps the provider's own value when it means the same reason", () => {
    expect(table.wire('error', 'TIMEOUT')).toBe('TIMEOUT');
    expect(table.wire('stop', 'STOP_SEQUENCE')).toBe('STOP_SEQUENCE');
  });

  it("writes the table's value otherwise, and the stop sequence's value for a stop at one", () => {
    expect(table.wire('length', 'TIMEOUT')).toBe('MAX_TOKENS');
    expect(table.wire('other', 'constructor')).toBe('COMPLETE');
    expect(table.wire('stop')).toBe('COMPLETE');
    expect(table.wire('stop', 'MAX_TOKENS', '###')).toBe('STOP_SEQUENCE');
  });

  it('has no stop sequence value for a protocol without one', () => {
    const plain = new FinishReasonTable(
      { STOP: 'stop' },
      { stop: 'STOP', length: 'MAX', tool_calls: 'STOP', content_filter: 'SAFETY', error: 'OTHER', other: 'OTHER' },
    );
    expect(plain.wire('stop', undefined, '###')).toBe('STOP');
  });
});
