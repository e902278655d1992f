import { describe, expect, it } from 'vitest';
import { utf8Prefix } from './body.js';

describe('utf8Prefix', () => {
  it('keeps a body within the limit whole', () => {
    expect(utf8Prefix(Buffer.from('héllo'), 64)).toBe('héllo');
  });

  it('cuts before a multi-byte character that would be split', () => {
    const bytes = Buffer.from('ab€cd'); // € is 3 bytes: e2 82 ac
    expect(utf8Prefix(bytes, 3)).toBe('ab');
    expect(utf8Prefix(bytes, 4)).toBe('ab');
    expect(utf8Prefix(bytes, 5)).toBe('ab€');
  });

  it('cuts before a 4-byte character and never yields a replacement character', () => {
    const bytes = Buffer.from('x😀y');
    for (let limit = 1; limit < bytes.length; limit++) expect(utf8Prefix(bytes, limit)).not.toContain('\uFFFD');
    expect(utf8Prefix(bytes, 4)).toBe('x');
  });
});
