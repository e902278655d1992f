import { readFileSync } from 'node:fs';
import { GatewayConfigError, type ConfigIssue } from './config-issues.js';
import { BUILT_IN_PROTOCOLS } from './config-schema.js';
import type { GatewayConfig } from './config-types.js';
import { interpolateEnv } from './interpolate.js';
import { validateConfig } from './validate-config.js';

/** Options of {@link loadConfigFile} and {@link parseConfig}. */
export interface LoadConfigOptions {
  /** Variables for `${NAME}` placeholders (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Protocol names a key may use, beyond the built-in ones (custom adapters). */
  extraProtocols?: readonly string[];
}

/**
 * Read, interpolate and validate a JSON config file. Throws {@link GatewayConfigError} naming
 * the file, the JSON path and what is wrong (all issues at once).
 */
export function loadConfigFile(file: string, options: LoadConfigOptions = {}): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read the file (${(error as Error).message})`;
    throw new GatewayConfigError(file, [{ path: '', message: reason }]);
  }
  return parseConfig(text, file, options);
}

/** Parse, interpolate and validate config text; `source` names it in error messages. */
export function parseConfig(text: string, source: string, options: LoadConfigOptions = {}): GatewayConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new GatewayConfigError(source, [{ path: '', message: describeSyntaxError(text, error as Error) }]);
  }
  return checkConfig(doc, source, options);
}

/**
 * Interpolate and validate an already parsed config object (the programmatic path:
 * `createGateway` calls it too, so a config built in code gets the same checks).
 */
export function checkConfig(doc: unknown, source: string, options: LoadConfigOptions = {}): GatewayConfig {
  const envIssues: ConfigIssue[] = [];
  const interpolated = interpolateEnv(doc, options.env ?? process.env, envIssues);
  const issues: ConfigIssue[] = [];
  const config = validateConfig(interpolated, [...BUILT_IN_PROTOCOLS, ...(options.extraProtocols ?? [])], issues);
  if (config !== undefined && envIssues.length === 0) return config;
  // A value whose variable is missing is reported once, as missing, not also as malformed.
  const unresolved = new Set(envIssues.map((issue) => issue.path));
  throw new GatewayConfigError(source, [...envIssues, ...issues.filter((issue) => !unresolved.has(issue.path))]);
}

/**
 * V8's "Unexpected token" message quotes up to 10 characters of source on each side of the
 * token (`Unexpected token 'u', ..."apiKey": urlpl"... is not valid JSON`), which can be part
 * of a key written without quotes. It is dropped; the position is computed from it instead.
 */
const SOURCE_EXCERPT = /^(Unexpected token '[\s\S]{1,2}'), (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;
/** How many characters V8 quotes before the unexpected token. */
const EXCERPT_CONTEXT = 10;

/**
 * JSON.parse's reason with a line and column (Node 20 gives an offset, or an excerpt), never
 * with a piece of the config text.
 */
function describeSyntaxError(text: string, error: Error): string {
  const reason = error.message.replace(/^JSON\.parse: /, '');
  const excerpt = SOURCE_EXCERPT.exec(reason);
  if (excerpt !== null) return withLineAndColumn(`not valid JSON: ${excerpt[1]}`, text, excerptOffset(text, excerpt));
  const position = /position (\d+)/.exec(reason);
  if (position === null || /line \d+/.test(reason)) return `not valid JSON: ${reason}`;
  return withLineAndColumn(`not valid JSON: ${reason}`, text, Number(position[1]));
}

/** Where the unexpected token is, from where V8's excerpt sits in the text (undefined when it cannot tell). */
function excerptOffset(text: string, [, , leadingDots, quoted = '', trailingDots]: RegExpExecArray): number | undefined {
  if (leadingDots !== undefined) {
    const start = text.indexOf(quoted);
    return start === -1 ? undefined : start + EXCERPT_CONTEXT;
  }
  return trailingDots !== undefined ? quoted.length - EXCERPT_CONTEXT : undefined;
}

function withLineAndColumn(message: string, text: string, offset: number | undefined): string {
  if (offset === undefined) return message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
