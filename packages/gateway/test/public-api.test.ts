import { describe, expect, it } from 'vitest';
import * as gateway from '../src/index.js';

describe('the public API', () => {
  it('exports what a user builds and configures a gateway with, and no internals (routes, adapter tables, log paths)', () => {
    expect(Object.keys(gateway).sort()).toEqual(['GatewayConfigError', 'configFromEnv', 'createGateway', 'loadConfigFile', 'parseConfig']);
  });
});
