import { FluxError } from '@fluxcore/errors';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

describe('createLogger', () => {
  it('redacts credentials by path: auth headers, apiKey fields, gateway keys', () => {
    const out = capture();
    const logger = createLogger('info', out.stream);
    logger.info({
      headers: { authorization: 'Bearer gw-secret-0001', 'x-api-key': 'gw-secret-0002', 'x-goog-api-key': 'gw-secret-0003', accept: 'application/json' },
      keys: { openai: { apiKey: 'provider-secret-0004', baseURL: 'https://api.openai.com' } },
      auth: { keys: ['gw-secret-0005'] },
    });
    for (const secret of ['gw-secret-0001', 'gw-secret-0002', 'gw-secret-0003', 'provider-secret-0004', 'gw-secret-0005']) {
      expect(out.text()).not.toContain(secret);
    }
    expect(out.text()).toContain('application/json');
    expect(out.text()).toContain('https://api.openai.com');
  });

  it('redacts key-shaped text from error messages and stacks', () => {
    const out = capture();
    const logger = createLogger('info', out.stream);
    logger.error({ err: new Error('upstream said: invalid key sk-proj-abcdefghijklmnop123456') }, 'failed');
    logger.error({ err: new FluxError({ category: 'authentication', message: 'rejected x-api-key: sk-ant-api03-zyxwvutsrqponm' }) }, 'failed');
    expect(out.text()).toContain('[REDACTED]');
    expect(out.text()).not.toContain('abcdefghijklmnop123456');
    expect(out.text()).not.toContain('zyxwvutsrqponm');
  });

  it('writes nothing below its level', () => {
    const out = capture();
    createLogger('warn', out.stream).info('hidden');
    expect(out.text()).toBe('');
  });
});
