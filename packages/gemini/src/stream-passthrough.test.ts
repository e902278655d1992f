import type { PassthroughOutput } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { gemini } from './adapter.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function passThrough(wire: string): { wire: string; types: string[] } {
  const request = gemini.parseRequest({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { model: 'gemini-test', stream: true });
  const passthrough = gemini.createStreamPassthrough!({ request });
  const outputs: PassthroughOutput[] = [passthrough.push(bytes(wire)), passthrough.end()];
  return { wire: outputs.map((o) => o.wire).join(''), types: outputs.flatMap((o) => o.events.map((e) => e.type)) };
}

describe('Gemini stream passthrough', () => {
  it('forwards every chunk verbatim', () => {
    const stream = fixtureText('stream-finish-only.sse');
    expect(passThrough(stream).wire).toBe(stream);
  });

  it('forwards nothing the upstream sends after the chunk that finished the answer', () => {
    const stream = fixtureText('stream-finish-only.sse');
    const after = 'data: {not json\n\ndata: {"candidates":[{"content":{"parts":[{"text":"late"}]}}]}\n\ndata: {"unfinished';
    const { wire, types } = passThrough(stream + after);
    expect(wire).toBe(stream);
    expect(types.filter((type) => type === 'finish')).toHaveLength(1);
  });
});
