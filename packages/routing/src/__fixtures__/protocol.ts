import type { ProtocolAdapter } from '@fluxcore/message';
import type { Key } from '../key.js';

function unused(): never {
  throw new Error('routing never calls the protocol adapter');
}

/** A protocol object that satisfies the adapter contract; routing only checks its shape. */
export const testProtocol: ProtocolAdapter = {
  name: 'test',
  family: 'test',
  streamContentType: 'text/event-stream',
  parseRequest: unused,
  formatResponse: unused,
  createStreamEncoder: unused,
  formatError: unused,
  buildRequest: unused,
  buildPassthroughRequest: unused,
  parseResponse: unused,
  createStreamDecoder: unused,
  parseError: unused,
};

/** A valid key on 127.0.0.1 with a recognisable fake secret. */
export function testKey(overrides: Partial<Key> = {}): Key {
  return { baseURL: 'http://127.0.0.1:8080', apiKey: 'test-key-0123456789', protocol: testProtocol, ...overrides };
}
