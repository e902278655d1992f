import { z } from 'zod';

/**
 * The building blocks of the config schema. Each one is a zod schema that checks one kind of
 * value and says what is wrong in the gateway's own words (`expected an integer between 0 and
 * 65535, got 70000`), so the schema in config-schema.ts reads as a list of fields.
 */

/** How a number may be written as text (after `${NAME}` interpolation): `"8787"`, `"-1.5"`. */
export const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;

/** Bounds of a number field. */
export interface NumberRule {
  min?: number;
  max?: number;
}

/** A non-empty string: blank text counts as empty. */
export function text() {
  const error = expected('a non-empty string');
  return z.string({ error }).regex(/\S/, { error });
}

/** A number within `rule`; numeric text counts, so that `"${PORT}"` works. */
export function number(rule: NumberRule = {}) {
  return numeric(z.number({ error: expected(`a number${range(rule)}`) }), rule);
}

/** An integer within `rule`; numeric text counts. */
export function integer(rule: NumberRule = {}) {
  return numeric(z.int({ error: expected(`an integer${range(rule)}`) }), rule);
}

function numeric<T extends z.ZodNumber>(schema: T, rule: NumberRule) {
  let bounded: z.ZodNumber = schema;
  if (rule.min !== undefined) bounded = bounded.min(rule.min);
  if (rule.max !== undefined) bounded = bounded.max(rule.max);
  return z.preprocess((value) => (typeof value === 'string' && NUMERIC_TEXT.test(value.trim()) ? Number(value) : value), bounded);
}

/** One of a fixed set of names. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: expected(`one of ${values.map((v) => `"${v}"`).join(', ')}`) });
}

/** An object of strings (extra headers). */
export function stringMap() {
  return z.record(z.string(), z.string({ error: expected('a string') }), { error: expected('an object of strings') });
}

/** A non-empty array of `items`; `what` names them in the message. */
export function list<T extends z.ZodType>(items: T, what: string) {
  const error = expected(`a non-empty array of ${what}`);
  // A refinement, not `.min(1)`: zod checks a length before the type, so "" would be reported twice.
  return z
    .array(items, { error })
    .refine((values) => values.length > 0, { error })
    .meta({ minItems: 1 });
}

/**
 * An object with exactly these fields. A field outside them is reported by the validator, one
 * issue per field with a suggestion (config-issues-from-zod.ts), since zod reports them together.
 */
export function section<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: expected('an object') });
}

/** Named entries (keys, endpoints, models): at least one, each name non-blank, each value an `entry`. */
export function table<T extends z.ZodType>(entry: T) {
  const name = z.string().regex(/\S/);
  return z
    .record(name, entry, {
      error: (issue) => (issue.code === 'invalid_key' ? 'a name must not be empty' : expected('an object of named entries')(issue)),
    })
    .refine((entries) => Object.keys(entries).length > 0, { error: 'expected at least one entry' })
    .meta({ minProperties: 1 });
}

/**
 * A base URL, without trailing slashes. Messages never quote it: a URL written wrongly may hold
 * a credential (a key pasted into the path, `?key=`, `user:key@`), and no redaction pattern
 * knows every shape.
 */
export function baseUrl() {
  return checkedText(baseUrlProblem)
    .transform((url) => url.replace(/\/+$/, ''))
    .meta({ pattern: '^https?://' });
}

/** `env`, or an http(s) proxy URL. Never quoted: it may hold the proxy's credentials. */
export function proxyUrl() {
  return checkedText((value) =>
    value === 'env' || isHttpUrl(value) ? undefined : 'expected "env" or an http:// or https:// proxy URL (the value is not shown: it may hold a credential)',
  ).meta({ pattern: '^(env$|https?://)' });
}

/** A non-empty string that `problem` accepts (undefined) or explains. */
function checkedText(problem: (value: string) => string | undefined) {
  return z.string({ error: expected('a non-empty string') }).check(
    z.superRefine((value, ctx) => {
      const reason = value.trim() === '' ? expected('a non-empty string')({ input: value }) : problem(value);
      if (reason !== undefined) ctx.addIssue({ code: 'custom', message: reason, input: value });
    }),
  );
}

function baseUrlProblem(text: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'expected an absolute http(s) URL such as "https://api.openai.com" (the value is not shown: it may hold a credential)';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return 'expected an http or https URL (the value is not shown: it may hold a credential)';
  }
  if (parsed.username !== '' || parsed.password !== '') return 'credentials in the URL are not allowed: put the key in apiKey';
  if (text.includes('?')) return 'a query string is not allowed: put the key in apiKey';
  if (text.includes('#')) return 'a fragment is not allowed';
  return undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function range(rule: NumberRule): string {
  if (rule.min !== undefined && rule.max !== undefined) return ` between ${rule.min} and ${rule.max}`;
  if (rule.min !== undefined) return ` >= ${rule.min}`;
  return '';
}

/** The message of a value that is not what a field takes: `expected <what>, got <the value>`. */
function expected(what: string) {
  return (issue: { input?: unknown }): string => `expected ${what}, got ${describe(issue.input)}`;
}

/** A short description of a JSON value for messages; never prints long strings in full. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}
