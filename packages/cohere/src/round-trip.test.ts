import type { ProtocolAdapter } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { cohere, cohereV1 } from './index.js';

const context = { request: { messages: [], stream: false } };

describe.each([
  { version: 'v1', adapter: cohereV1 as ProtocolAdapter, answers: ['v1/text.json', 'v1/tool-calls.json'] },
  { version: 'v2', adapter: cohere as ProtocolAdapter, answers: ['v2/text.json', 'v2/tool-calls.json', 'v2/reasoning.json'] },
])('cohere $version formatResponse of parseResponse', ({ adapter, answers }) => {
  it.each(answers)('gives back %s unchanged', (name) => {
    const original = fixtureJson(name);
    expect(adapter.formatResponse(adapter.parseResponse(original), context)).toEqual(original);
  });
});
