import { inspect } from 'node:util';

/**
 * Recognisable fake provider keys, one per protocol, in each provider's shape, plus one with
 * no known shape at all (Cohere's): only fluxcore's registration of configured keys can catch it.
 */
export const PROVIDER_KEYS: Readonly<Record<string, string>> = {
  openai: 'sk-SECRET-openai-0001',
  anthropic: 'sk-ant-SECRET-0002',
  gemini: 'AIzaSECRET-gemini-key-0003-abcdefgh',
  cohere: 'plainsecretvalue42',
  'cohere-v1': 'cov1plainsecret0005',
};

/** The gateway key clients present, and a wrong one a client may try. */
export const CLIENT_KEY = 'gw-SECRET-client-0006';
export const WRONG_CLIENT_KEY = 'gw-SECRET-wrong-0007';

/** A secret written into a base URL, never registered anywhere: only not echoing it keeps it safe. */
export const URL_SECRET = 'urlplainsecret0008';

/**
 * What must never appear in output: every key, and the fragments that all of them share
 * (`SECRET`, `plainsecret`), so that a cut-off key is caught as well as a whole one.
 */
const NEEDLES = [...Object.values(PROVIDER_KEYS), CLIENT_KEY, WRONG_CLIENT_KEY, URL_SECRET, 'SECRET', 'plainsecret'];

/** A secret found in output: where, and which needle. */
export interface Leak {
  where: string;
  needle: string;
  /** The text around it. */
  excerpt: string;
}

/**
 * Collects every string a test produces and reports those that hold a secret. `value` walks an
 * object graph (own properties, non-enumerable ones too, so an error's message, stack and whole
 * `cause` chain), and also scans what `util.inspect` prints, which is what a `console.log` shows.
 */
export class LeakScanner {
  readonly leaks: Leak[] = [];
  /** Texts and characters scanned, for the report. */
  texts = 0;
  chars = 0;
  /** Texts in which fluxcore redacted something: proof that a key reached the output path and was caught. */
  redacted = 0;

  constructor(private readonly needles: readonly string[] = NEEDLES) {}

  text(where: string, text: string): void {
    this.texts += 1;
    this.chars += text.length;
    if (text.includes('[REDACTED]')) this.redacted += 1;
    for (const needle of this.needles) {
      const at = text.indexOf(needle);
      if (at !== -1) this.leaks.push({ where, needle, excerpt: text.slice(Math.max(0, at - 60), at + needle.length + 60) });
    }
  }

  value(where: string, value: unknown): void {
    for (const [path, text] of strings(value, where, new Set())) this.text(path, text);
    if (typeof value === 'object' && value !== null) this.text(`${where} (inspected)`, inspect(value, { depth: 12 }));
  }

  /** One line per leak, for an assertion message. */
  report(limit = 15): string[] {
    return this.leaks.slice(0, limit).map((leak) => `${leak.where}: ${leak.needle} in …${leak.excerpt}…`);
  }
}

function* strings(value: unknown, path: string, seen: Set<object>): Generator<[string, string]> {
  if (typeof value === 'string') {
    yield [path, value];
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value) || value instanceof Promise) return;
  seen.add(value);
  if (value instanceof Error) yield [`${path} (String)`, String(value)];
  for (const key of Object.getOwnPropertyNames(value)) {
    let field: unknown;
    try {
      field = (value as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    yield* strings(field, `${path}.${key}`, seen);
  }
}
