import { describe, expect, it } from 'vitest';
import { fixtureText } from './load.js';
import { validateOllamaStream } from './ollama-grammar.js';

describe('the Ollama stream grammar the conformance kit checks the encoder with', () => {
  it('accepts a recorded stream and reads its content', () => {
    expect(validateOllamaStream(fixtureText('tool-calls.ndjson'))).toMatchObject({
      errors: [],
      reasoning: 'I need the weather tool.',
      toolCalls: [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { name: 'get_weather', arguments: '{"city":"Lyon"}' },
      ],
      finishReason: 'stop',
      usage: { prompt_eval_count: 140, eval_count: 41 },
      endedWithError: false,
    });
  });

  it('rejects a stream without its done line, and lines after it', () => {
    const lines = fixtureText('text.ndjson').trimEnd().split('\n');
    expect(validateOllamaStream(`${lines.slice(0, -1).join('\n')}\n`).errors).toEqual(['no done line']);
    expect(validateOllamaStream(`${[...lines, lines[0]].join('\n')}\n`).errors).toEqual([`line ${lines.length}: a line after the end`]);
  });

  it("reads Ollama's error line as the end of a failed stream", () => {
    const first = fixtureText('text.ndjson').split('\n')[0]!;
    expect(validateOllamaStream(`${first}\n{"error":"model runner stopped"}\n`)).toMatchObject({ errors: [], endedWithError: true });
  });
});
