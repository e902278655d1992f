import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from './content.js';
import type { ChatRequest } from './request.js';
import { estimateRequestTokens, estimateTokens, SCHEMA_TOKEN_CACHE_CHARS, schemaTokenCounts } from './estimate.js';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/estimate/${name}.txt`, import.meta.url), 'utf8');

describe('estimateTokens', () => {
  it('keeps the documented values', () => {
    expect(estimateTokens('Hello world!')).toBe(4);
    expect(estimateTokens('你好世界')).toBe(3);
    expect(estimateTokens('')).toBe(0);
  });

  it('rejects anything but a string with a FluxError', () => {
    for (const value of [undefined, null, 42]) {
      expect(() => estimateTokens(value as unknown as string)).toThrow(expect.objectContaining({ category: 'invalid_request', param: 'text' }));
    }
  });

  it('counts any non-empty text as at least one token', () => {
    for (const text of [' ', '\n', 'a', '。', '\uD83D', '\uDE00']) expect(estimateTokens(text)).toBeGreaterThanOrEqual(1);
  });

  it('grows with the text', () => {
    const sentence = 'The lamp was switched on at a quarter past six. ';
    expect(estimateTokens(sentence.repeat(10))).toBeGreaterThan(estimateTokens(sentence) * 9);
  });

  describe('is within 15% of o200k_base on 2,000+ character documents', () => {
    const rows: string[] = [];
    it.each([
      ['English prose', 'english'],
      ['Chinese prose', 'chinese'],
      ['Japanese (kana and kanji)', 'japanese'],
      ['Korean (Hangul)', 'korean'],
      ['source code (TypeScript, Python)', 'code'],
      ['mixed CJK/Latin document', 'mixed'],
    ])('%s', (label, name) => {
      const text = fixture(name);
      expect([...text].length).toBeGreaterThanOrEqual(2000);
      const actual = encode(text).length;
      const estimate = estimateTokens(text);
      const error = (estimate - actual) / actual;
      rows.push(`| ${label} | ${[...text].length} | ${actual} | ${estimate} | ${error >= 0 ? '+' : ''}${(error * 100).toFixed(1)}% |`);
      expect(Math.abs(error)).toBeLessThanOrEqual(0.15);
    });
    it('prints the table', () => {
      console.log(['| text | characters | o200k_base | estimate | error |', '|---|---:|---:|---:|---:|', ...rows].join('\n'));
      expect(rows).toHaveLength(6);
    });
  });

  it.each([
    ['Han', '漢字'],
    ['Han extension A', '㐀㐁'],
    ['CJK compatibility ideographs', '豈更'],
    ['hiragana', 'ひら'],
    ['katakana', 'カタ'],
    ['half-width katakana', 'ｶﾀ'],
    ['Hangul syllables', '한글'],
    ['Hangul jamo', 'ᄀᄁ'],
    ['full-width punctuation', '，。'],
    ['ideographic punctuation', '「」'],
  ])('counts %s as CJK', (_label, pair) => {
    // Ten CJK characters cost 0.6-1 token each; letters of other scripts cost 0.35.
    expect(estimateTokens(pair.repeat(5))).toBeGreaterThanOrEqual(7);
  });

  it('counts rare Han outside the BMP higher than common Han', () => {
    expect(estimateTokens('𠀀𠀁𪚥')).toBeGreaterThan(estimateTokens('你好世'));
  });

  it('counts camelCase identifiers and all-caps words as several pieces', () => {
    expect(estimateTokens('estimateRequestTokens')).toBeGreaterThan(estimateTokens('estimate'));
    expect(estimateTokens('FINISH_REASON_UNSPECIFIED')).toBeGreaterThanOrEqual(5);
  });

  it('counts numbers in groups of three digits', () => {
    expect(estimateTokens('123')).toBe(2);
    expect(estimateTokens('123456789')).toBe(4);
  });
});

describe('estimateTokens fast paths', () => {
  // Characters of every class, several of each kind that has runs, so that random strings hit
  // every transition between classes.
  const alphabet = [...'abcxyzABCXYZéÉ0129 \t\n\r.,;:{}"()_-—→°漢字㐀ひらカタｶﾀ한글ᄀ，。ЖΩ', '😀', '𠀀', '\uD83D', '\uDE00'];

  it('counts every text exactly as the plain character-by-character loop does', () => {
    const fromAlphabet = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(fromAlphabet, fc.string({ unit: 'binary', maxLength: 60 })), (sample) => {
        expect(estimateTokens(sample)).toBe(referenceEstimate(sample));
      }),
      { numRuns: 10_000 },
    );
  });

  it('counts the sample documents exactly as the plain loop does', () => {
    for (const name of ['english', 'chinese', 'japanese', 'korean', 'code', 'mixed']) {
      const document = fixture(name);
      expect(estimateTokens(document)).toBe(referenceEstimate(document));
    }
  });
});

/**
 * The oracle for the fast paths: estimateTokens as one plain loop over the characters (the
 * implementation before its inner loops), with the same character classes and costs.
 */
function referenceEstimate(text: string): number {
  const [OTHER, LOWER, UPPER, DIGIT, SPACE, NEWLINE, PUNCTUATION, HAN, KANA, HANGUL, CJK_PUNCTUATION, SYMBOL, HIGH, LOW] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ];
  const classOf = (code: number): number => {
    const ranges: Array<[number, number, number]> = [
      [0xdc00, 0xdfff, LOW],
      [0xd800, 0xdbff, HIGH],
      [0xffa0, 0xffdc, HANGUL],
      [0xff66, 0xff9f, KANA],
      [0xff00, 0xffef, CJK_PUNCTUATION],
      [0xfe30, 0xfe4f, CJK_PUNCTUATION],
      [0xfe10, 0xfe1f, CJK_PUNCTUATION],
      [0xf900, 0xfaff, HAN],
      [0xac00, 0xd7ff, HANGUL],
      [0xa960, 0xa97f, HANGUL],
      [0x4e00, 0x9fff, HAN],
      [0x3400, 0x4dbf, HAN],
      [0x31f0, 0x31ff, KANA],
      [0x31c0, 0x31ef, HAN],
      [0x3130, 0x318f, HANGUL],
      [0x3040, 0x30ff, KANA],
      [0x3021, 0x3029, HAN],
      [0x3007, 0x3007, HAN],
      [0x3005, 0x3005, HAN],
      [0x3000, 0x303f, CJK_PUNCTUATION],
      [0x2e80, 0x2fdf, HAN],
      [0x1100, 0x11ff, HANGUL],
      [0x2000, 0x2bff, SYMBOL],
      [0xf7, 0xf7, SYMBOL],
      [0xd7, 0xd7, SYMBOL],
    ];
    for (const [from, to, cls] of ranges) if (code >= from && code <= to) return cls;
    if ((code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff)) {
      const ch = String.fromCharCode(code);
      return ch !== ch.toLowerCase() ? UPPER : LOWER;
    }
    if (code >= 0xa0 && code <= 0xbf) return SYMBOL;
    if (code === 0x0a || code === 0x0d) return NEWLINE;
    if (code === 0x09 || code === 0x0b || code === 0x0c || code === 0x20) return SPACE;
    if (code >= 0x61 && code <= 0x7a) return LOWER;
    if (code >= 0x41 && code <= 0x5a) return UPPER;
    if (code >= 0x30 && code <= 0x39) return DIGIT;
    return code <= 0x7f ? PUNCTUATION : OTHER;
  };
  const punctuationCost = (run: number, next: number): number => (next === LOWER || next === UPPER ? Math.ceil((run - 1) / 2) + 0.3 : Math.ceil(run / 2));
  if (text.length === 0) return 0;
  let tokens = 0;
  let previous = SPACE;
  let run = 0;
  let capitals = 0;
  let spaces = 0;
  let newlineCounted = false;
  let newlineFree = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = classOf(code);
    if (previous === PUNCTUATION && cls !== PUNCTUATION) tokens += punctuationCost(run, cls);
    if (cls === LOWER || cls === UPPER) {
      if ((previous !== LOWER && previous !== UPPER) || (cls === UPPER && previous === LOWER)) {
        tokens += 1;
        run = 0;
      }
      run++;
      if (run > 8 && (run - 8) % 4 === 1) tokens += 1.5;
      capitals = cls === UPPER ? capitals + 1 : 0;
      if (capitals >= 4 && (capitals - 4) % 3 === 0) tokens += 0.75;
    } else if (cls === DIGIT) {
      run = previous === DIGIT ? run + 1 : 1;
      if (run % 3 === 1) tokens += 1;
    } else if (cls === PUNCTUATION) {
      run = previous === PUNCTUATION ? run + 1 : 1;
    } else if (cls === SPACE) {
      newlineFree = false;
      spaces++;
      if (spaces === 2) tokens += 1;
    } else if (cls === NEWLINE) {
      if (previous === PUNCTUATION) newlineFree = true;
      if (!newlineCounted && !newlineFree) tokens += 1;
      newlineCounted = true;
      spaces = 0;
    } else if (cls === HAN) tokens += 0.74;
    else if (cls === KANA) tokens += 0.75;
    else if (cls === HANGUL) tokens += previous === HANGUL ? 0.6 : 0.6 + 0.5;
    else if (cls === CJK_PUNCTUATION || cls === SYMBOL) tokens += 1;
    else if (cls === HIGH) tokens += code >= 0xd840 && code <= 0xd8bf ? 3 : 1.5;
    else if (cls === OTHER) tokens += 0.35;
    if (cls !== SPACE && cls !== NEWLINE) {
      spaces = 0;
      newlineCounted = false;
      newlineFree = false;
    }
    if (cls !== UPPER && cls !== LOWER) capitals = 0;
    previous = cls;
  }
  if (previous === PUNCTUATION) tokens += punctuationCost(run, SPACE);
  return Math.floor(tokens) + 1;
}

const text = (value: string) => ({ type: 'text' as const, text: value });
const base: ChatRequest = { messages: [], stream: false };

describe('estimateRequestTokens', () => {
  it('rejects a request without a messages array with a FluxError', () => {
    for (const value of [undefined, {}, { messages: 'hi' }]) {
      expect(() => estimateRequestTokens(value as unknown as ChatRequest)).toThrow(expect.objectContaining({ category: 'invalid_request', param: 'messages' }));
    }
  });

  it('counts 3 tokens of reply priming for an empty request', () => {
    expect(estimateRequestTokens(base)).toBe(3);
  });

  it('counts each message as its text plus 3 tokens of framing', () => {
    const request: ChatRequest = {
      ...base,
      messages: [
        { role: 'system', content: [text('Be brief.')] },
        { role: 'user', content: [text('Hello world!'), text('你好世界')] },
      ],
    };
    expect(estimateRequestTokens(request)).toBe(3 + (3 + estimateTokens('Be brief.')) + (3 + 4 + 3));
  });

  it('counts a participant name', () => {
    const request: ChatRequest = { ...base, messages: [{ role: 'user', name: 'alice', content: [text('hi')] }] };
    expect(estimateRequestTokens(request)).toBe(3 + 3 + 1 + estimateTokens('alice') + estimateTokens('hi'));
  });

  it('counts an image as 765 tokens, or 85 at low detail', () => {
    const image = (detail?: 'low' | 'high') => ({
      ...base,
      messages: [
        {
          role: 'user' as const,
          content: [{ type: 'image' as const, source: { kind: 'url' as const, url: 'https://example.com/a.png' }, ...(detail ? { detail } : {}) }],
        },
      ],
    });
    expect(estimateRequestTokens(image())).toBe(3 + 3 + 765);
    expect(estimateRequestTokens(image('high'))).toBe(3 + 3 + 765);
    expect(estimateRequestTokens(image('low'))).toBe(3 + 3 + 85);
  });

  it('counts a file as 1,500 tokens', () => {
    const request: ChatRequest = {
      ...base,
      messages: [{ role: 'user', content: [{ type: 'file', source: { kind: 'base64', data: 'JVBERi0=', mediaType: 'application/pdf' } }] }],
    };
    expect(estimateRequestTokens(request)).toBe(3 + 3 + 1500);
  });

  it('counts tool calls by name and arguments, and reasoning by its text', () => {
    const args = '{"city":"Paris","unit":"celsius"}';
    const request: ChatRequest = {
      ...base,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Need the weather.', signature: { family: 'anthropic', value: 'c2lnbmF0dXJl'.repeat(50) } },
            { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: args },
          ],
        },
      ],
    };
    const expected = 3 + 3 + estimateTokens('Need the weather.') + 3 + estimateTokens('get_weather') + estimateTokens(args);
    expect(estimateRequestTokens(request)).toBe(expected);
  });

  it('counts tool results by their text and images', () => {
    const request: ChatRequest = {
      ...base,
      messages: [
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', content: [text('18 degrees and sunny')] },
            {
              type: 'tool-result',
              toolCallId: 'call_2',
              content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/map.png' }, detail: 'low' }],
            },
          ],
        },
      ],
    };
    expect(estimateRequestTokens(request)).toBe(3 + 3 + (3 + estimateTokens('18 degrees and sunny')) + (3 + 85));
  });

  it('counts a tool schema seen before exactly as the first time, and each schema by its own text', () => {
    const tool = (name: string, schema: string) => ({ name, parameters: JSON.parse(schema) as ToolDefinition['parameters'] });
    const small = '{"type":"object","properties":{"q":{"type":"string"}}}';
    const large = '{"type":"object","properties":{"query":{"type":"string","description":"What to look up, in plain words."},"limit":{"type":"integer"}}}';
    const expected = (schema: string) => 3 + 8 + estimateTokens('search') + estimateTokens('') + estimateTokens(schema);
    for (const schema of [small, large, small, large]) {
      expect(estimateRequestTokens({ ...base, tools: [tool('search', schema)] })).toBe(expected(schema));
    }
  });

  it('keeps token counts for at most SCHEMA_TOKEN_CACHE_CHARS characters of tool schemas, however many it sees', () => {
    const schemaOf = (i: number) => ({ type: 'object', description: `${i} `.repeat(5_000) }) as ToolDefinition['parameters'];
    const schemaChars = JSON.stringify(schemaOf(0)).length;
    const seen = Math.ceil((2 * SCHEMA_TOKEN_CACHE_CHARS) / schemaChars);
    for (let i = 0; i < seen; i++) estimateRequestTokens({ ...base, tools: [{ name: 'search', parameters: schemaOf(i) }] });
    expect(schemaTokenCounts.maxChars).toBe(SCHEMA_TOKEN_CACHE_CHARS);
    expect(schemaTokenCounts.chars).toBeLessThanOrEqual(SCHEMA_TOKEN_CACHE_CHARS);
    expect(schemaTokenCounts.chars).toBeGreaterThan(SCHEMA_TOKEN_CACHE_CHARS - schemaChars * 2);
  });

  it('counts tool definitions by name, description and schema, plus 8 tokens each', () => {
    const parameters = { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] };
    const withTools: ChatRequest = {
      ...base,
      tools: [
        { name: 'get_weather', description: 'Current weather for a city', parameters },
        { name: 'noop', parameters: { type: 'object' } },
      ],
    };
    const expected =
      3 +
      (8 + estimateTokens('get_weather') + estimateTokens('Current weather for a city') + estimateTokens(JSON.stringify(parameters))) +
      (8 + estimateTokens('noop') + estimateTokens('{"type":"object"}'));
    expect(estimateRequestTokens(withTools)).toBe(expected);
  });

  it('counts a JSON response schema', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    expect(estimateRequestTokens({ ...base, responseFormat: { type: 'json', schema } })).toBe(3 + estimateTokens(JSON.stringify(schema)));
    expect(estimateRequestTokens({ ...base, responseFormat: { type: 'json' } })).toBe(3);
  });
});
