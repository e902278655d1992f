import { describe, expect, it } from 'vitest';
import { ToolCallIds } from './tool-ids.js';

describe('ToolCallIds', () => {
  it('derives the same id for the same name and parameters whatever their key order', () => {
    const parameters = JSON.parse('{"b":[1,{"z":null,"a":"x"},[]],"10":true,"9":{"":"é\\n"},"a":-0.5}');
    const reordered = JSON.parse('{"a":-0.5,"9":{"":"é\\n"},"b":[1,{"a":"x","z":null},[]],"10":true}');
    expect(new ToolCallIds().next('get_weather', parameters)).toBe('cohere_e29023af');
    expect(new ToolCallIds().next('get_weather', reordered)).toBe('cohere_e29023af');
  });

  it('numbers repeats of an identical call', () => {
    const ids = new ToolCallIds();
    const [first, repeat, other] = [ids.next('f', {}), ids.next('f', {}), ids.next('g', {})];
    expect(repeat).toBe(`${first}_1`);
    expect(other).not.toBe(first);
  });

  it('derives an id for parameters nested 100,000 levels deep without overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    expect(new ToolCallIds().next('f', deep)).toMatch(/^cohere_[0-9a-f]{8}$/);
  });
});
