import { FluxError } from '@fluxcore/errors';
import type { ContentPart, Message, ToolDefinition } from './content.js';
import type { ChatRequest } from './request.js';
import { TokenCountCache } from './token-count-cache.js';

// Character classes, one byte per UTF-16 code unit, looked up in a 64 KiB table.
const OTHER_LETTER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const SPACE = 4;
const NEWLINE = 5;
const PUNCTUATION = 6;
const HAN = 7;
const KANA = 8;
const HANGUL = 9;
const CJK_PUNCTUATION = 10;
const SYMBOL = 11;
const HIGH_SURROGATE = 12;
const LOW_SURROGATE = 13;

/**
 * Token costs, fitted against the o200k_base tokenizer on prose, code and CJK text (the
 * package README shows the measured error). Words, number groups and punctuation runs are
 * counted the way o200k splits text before merging; CJK characters by their average cost.
 */
const COST = {
  /** A run of letters: o200k keeps common words whole. */
  word: 1,
  /** Every 4 letters past the 8th of one word (long words split). */
  longWord: 1.5,
  /** Every 3 capitals from the 4th on (all-caps words split into short pieces). */
  capitals: 0.75,
  /** A punctuation mark glued to the word after it (`.get`, `(x`) is usually a token of its own. */
  gluedPunctuation: 0.3,
  /**
   * A Han ideograph. o200k averages 0.66-0.87; the documented `estimateTokens("你好世界") === 3`
   * (kept from the project's first version) caps it below 0.75.
   */
  han: 0.74,
  kana: 0.75,
  hangul: 0.6,
  /** On top of `hangul`, for the first syllable of each Hangul word. */
  hangulWord: 0.5,
  cjkPunctuation: 1,
  /** A letter of another script (Cyrillic, Greek, Arabic, Devanagari, Thai...). */
  otherLetter: 0.35,
  /** Arrows, dashes, math and other symbols. */
  symbol: 1,
  /** A character outside the BMP: emoji and others. */
  astral: 1.5,
  /** Han extensions B-H and compatibility supplement (planes 2 and 3): rare, split into bytes. */
  astralHan: 3,
} as const;

const CLASS = buildClassTable();

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(0x10000).fill(OTHER_LETTER); // what set() below does not name
  const set = (from: number, to: number, cls: number): void => {
    table.fill(cls, from, to + 1);
  };
  set(0x00, 0x7f, PUNCTUATION);
  set(0x30, 0x39, DIGIT);
  set(0x41, 0x5a, UPPER);
  set(0x61, 0x7a, LOWER);
  set(0x09, 0x09, SPACE);
  set(0x0b, 0x0c, SPACE);
  set(0x20, 0x20, SPACE);
  set(0x0a, 0x0a, NEWLINE);
  set(0x0d, 0x0d, NEWLINE);
  set(0xa0, 0xbf, SYMBOL);
  // Latin letters with diacritics continue words like ASCII letters.
  for (const [from, to] of [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ] as const) {
    for (let code = from; code <= to; code++) {
      const ch = String.fromCharCode(code);
      table[code] = ch !== ch.toLowerCase() ? UPPER : LOWER;
    }
  }
  set(0xd7, 0xd7, SYMBOL);
  set(0xf7, 0xf7, SYMBOL);
  set(0x2000, 0x2bff, SYMBOL);
  set(0x1100, 0x11ff, HANGUL);
  set(0x2e80, 0x2fdf, HAN); // radicals
  set(0x3000, 0x303f, CJK_PUNCTUATION);
  set(0x3005, 0x3005, HAN); // 々
  set(0x3007, 0x3007, HAN); // 〇
  set(0x3021, 0x3029, HAN); // Hangzhou numerals
  set(0x3040, 0x30ff, KANA);
  set(0x3130, 0x318f, HANGUL);
  set(0x31c0, 0x31ef, HAN); // strokes
  set(0x31f0, 0x31ff, KANA);
  set(0x3400, 0x4dbf, HAN); // extension A
  set(0x4e00, 0x9fff, HAN);
  set(0xa960, 0xa97f, HANGUL);
  set(0xac00, 0xd7ff, HANGUL);
  set(0xd800, 0xdbff, HIGH_SURROGATE);
  set(0xdc00, 0xdfff, LOW_SURROGATE);
  set(0xf900, 0xfaff, HAN); // compatibility ideographs
  set(0xfe10, 0xfe1f, CJK_PUNCTUATION); // vertical forms
  set(0xfe30, 0xfe4f, CJK_PUNCTUATION); // compatibility forms
  set(0xff00, 0xffef, CJK_PUNCTUATION); // full-width forms
  set(0xff66, 0xff9f, KANA); // half-width katakana
  set(0xffa0, 0xffdc, HANGUL); // half-width Hangul
  return table;
}

/**
 * Estimate how many tokens a text takes with an o200k-style tokenizer (GPT-4o and later; other
 * providers' tokenizers land in the same range). One pass, no allocation. English prose, source
 * code, Chinese, Japanese, Korean and mixed documents come within about 10% of o200k_base (the
 * package README has the table). Short texts carry one token of slack, which keeps the
 * documented values: `estimateTokens("Hello world!") === 4`, `estimateTokens("你好世界") === 3`,
 * `estimateTokens("") === 0`. Anything but a string is a FluxError `invalid_request`.
 */
export function estimateTokens(text: string): number {
  if (typeof text !== 'string')
    throw new FluxError({ category: 'invalid_request', message: `estimateTokens expects a string, got ${typeof text}`, param: 'text' });
  const length = text.length;
  if (length === 0) return 0;
  let tokens = 0;
  let previous = SPACE;
  let run = 0; // length of the current word, digit or punctuation run
  let capitals = 0; // consecutive capitals
  let spaces = 0; // consecutive spaces and tabs
  let newlineCounted = false; // this whitespace run already paid for its line break
  let newlineFree = false; // a line break right after punctuation joins the punctuation's token
  for (let i = 0; i < length; i++) {
    const cls = CLASS[text.charCodeAt(i)]!;
    // Lower-case letters, spaces and ASCII punctuation are most of any text: each has its own
    // branch, and a run of lower-case letters or of punctuation is taken in one inner loop.
    if (cls === LOWER) {
      if (previous === LOWER || previous === UPPER) {
        run++;
        if (run > 8 && (run - 8) % 4 === 1) tokens += COST.longWord;
      } else {
        if (previous === PUNCTUATION) tokens += punctuationCost(run, LOWER);
        tokens += COST.word;
        run = 1;
        spaces = 0;
        newlineCounted = false;
        newlineFree = false;
      }
      while (i + 1 < length && CLASS[text.charCodeAt(i + 1)] === LOWER) {
        i++;
        run++;
        if (run > 8 && (run - 8) % 4 === 1) tokens += COST.longWord;
      }
      capitals = 0;
      previous = LOWER;
      continue;
    }
    if (cls === SPACE) {
      if (previous === PUNCTUATION) tokens += punctuationCost(run, SPACE);
      newlineFree = false;
      spaces++;
      if (spaces === 2) tokens += 1; // indentation: a run of spaces is one token
      capitals = 0;
      previous = SPACE;
      continue;
    }
    if (cls === PUNCTUATION) {
      run = previous === PUNCTUATION ? run + 1 : 1;
      while (i + 1 < length && CLASS[text.charCodeAt(i + 1)] === PUNCTUATION) {
        i++;
        run++;
      }
      spaces = 0;
      newlineCounted = false;
      newlineFree = false;
      capitals = 0;
      previous = PUNCTUATION;
      continue;
    }
    if (previous === PUNCTUATION) tokens += punctuationCost(run, cls);
    switch (cls) {
      case UPPER:
        // A capital starts a word unless it continues a run of capitals (`camelCase` is two words).
        if (previous !== UPPER) {
          tokens += COST.word;
          run = 0;
        }
        run++;
        if (run > 8 && (run - 8) % 4 === 1) tokens += COST.longWord;
        capitals++;
        if (capitals >= 4 && (capitals - 4) % 3 === 0) tokens += COST.capitals;
        break;
      case DIGIT:
        run = previous === DIGIT ? run + 1 : 1;
        if (run % 3 === 1) tokens += 1; // o200k splits numbers into groups of up to 3 digits
        break;
      case NEWLINE:
        if (previous === PUNCTUATION) newlineFree = true;
        if (!newlineCounted && !newlineFree) tokens += 1;
        newlineCounted = true;
        spaces = 0;
        break;
      case HAN:
        tokens += COST.han;
        break;
      case KANA:
        tokens += COST.kana;
        break;
      case HANGUL:
        tokens += previous === HANGUL ? COST.hangul : COST.hangul + COST.hangulWord;
        break;
      case CJK_PUNCTUATION:
        tokens += COST.cjkPunctuation;
        break;
      case SYMBOL:
        tokens += COST.symbol;
        break;
      case HIGH_SURROGATE:
        tokens += isPlaneTwoOrThree(text.charCodeAt(i)) ? COST.astralHan : COST.astral;
        break;
      case LOW_SURROGATE:
        break;
      default:
        tokens += COST.otherLetter;
    }
    if (cls !== NEWLINE) {
      spaces = 0;
      newlineCounted = false;
      newlineFree = false;
    }
    if (cls !== UPPER) capitals = 0;
    previous = cls;
  }
  if (previous === PUNCTUATION) tokens += punctuationCost(run, SPACE);
  return Math.floor(tokens) + 1;
}

/** A run of ASCII punctuation: o200k merges pairs (`);`, `=>`); the last mark may join the next word. */
function punctuationCost(run: number, next: number): number {
  if (next === LOWER || next === UPPER) return Math.ceil((run - 1) / 2) + COST.gluedPunctuation;
  return Math.ceil(run / 2);
}

/** High surrogates of U+20000-U+3FFFF (Han extensions B-H and the compatibility supplement). */
function isPlaneTwoOrThree(highSurrogate: number): boolean {
  return highSurrogate >= 0xd840 && highSurrogate <= 0xd8bf;
}

/**
 * Fixed costs used by {@link estimateRequestTokens}, in tokens. Framing follows OpenAI's
 * published accounting for chat models; media costs are typical values, since the real ones
 * depend on pixel sizes and page counts that the IR does not carry.
 */
const REQUEST_COST = {
  /** The reply's priming (`<|start|>assistant<|message|>`), once per request. */
  reply: 3,
  /** Role and separators of every message. */
  message: 3,
  /** A participant name on a user message. */
  name: 1,
  /** Framing of one tool call (id, type, name and arguments keys). */
  toolCall: 3,
  /** Framing of one tool result (its own message on most wire formats). */
  toolResult: 3,
  /** Framing of one tool definition, on top of its name, description and schema. */
  toolDefinition: 8,
  /** An image at `detail: 'low'` (OpenAI's fixed price). */
  lowDetailImage: 85,
  /** Any other image: OpenAI's price for 1024x1024 at high detail; Anthropic charges ~1,400, Gemini 258-1,290. */
  image: 765,
  /** A document or other file: about one PDF page with its page image. */
  file: 1500,
} as const;

/**
 * Estimate the input tokens of a whole request, the way providers bill them: every text,
 * reasoning text, tool call (name and arguments) and tool result, plus per-message framing,
 * tool definitions (name, description, JSON schema) and a JSON response schema. An image counts
 * 765 tokens (85 at `detail: 'low'`) and a file 1,500, since pixel sizes and page counts are
 * unknown here. Opaque signatures and redacted reasoning count nothing. A request without a
 * `messages` array is a FluxError `invalid_request`.
 */
export function estimateRequestTokens(request: ChatRequest): number {
  if (!Array.isArray(request?.messages))
    throw new FluxError({ category: 'invalid_request', message: 'estimateRequestTokens expects a request with a messages array', param: 'messages' });
  let total = REQUEST_COST.reply;
  for (const message of request.messages) total += messageTokens(message);
  for (const tool of request.tools ?? []) total += toolDefinitionTokens(tool);
  const format = request.responseFormat;
  if (format?.type === 'json' && format.schema !== undefined) total += estimateTokens(JSON.stringify(format.schema));
  return total;
}

function messageTokens(message: Message): number {
  let total = REQUEST_COST.message;
  if (message.role === 'user' && message.name !== undefined) total += REQUEST_COST.name + estimateTokens(message.name);
  for (const part of message.content) total += partTokens(part);
  return total;
}

function partTokens(part: ContentPart): number {
  switch (part.type) {
    case 'text':
    case 'reasoning':
      return estimateTokens(part.text);
    case 'image':
      return part.detail === 'low' ? REQUEST_COST.lowDetailImage : REQUEST_COST.image;
    case 'file':
      return REQUEST_COST.file;
    case 'tool-call':
      return REQUEST_COST.toolCall + estimateTokens(part.name) + estimateTokens(part.arguments);
    case 'tool-result': {
      let total = REQUEST_COST.toolResult;
      for (const inner of part.content) total += partTokens(inner);
      return total;
    }
  }
}

/** Most characters of schema text the process keeps counts for (about 1-2 MiB of strings). */
export const SCHEMA_TOKEN_CACHE_CHARS = 1 << 20;

/**
 * Token counts of recent tool schemas, by their JSON text: clients send the same tools with every
 * turn of a conversation, and a schema is mostly punctuation, the slowest text to count. One per
 * process, bounded at {@link SCHEMA_TOKEN_CACHE_CHARS} characters, least recently used dropped first.
 */
export const schemaTokenCounts = new TokenCountCache(SCHEMA_TOKEN_CACHE_CHARS);

function toolDefinitionTokens(tool: ToolDefinition): number {
  const schema = schemaTokenCounts.tokens(JSON.stringify(tool.parameters), estimateTokens);
  return REQUEST_COST.toolDefinition + estimateTokens(tool.name) + estimateTokens(tool.description ?? '') + schema;
}
