import { readFileSync } from 'node:fs';
import { GatewayConfigError, type ConfigIssue } from './config-issues.js';
import type { GatewayConfig } from './config-types.js';
import { interpolateEnv } from './interpolate.js';
import { validateConfig, type ValidateOptions } from './validate-config.js';

/** Options of {@link loadConfigFile} and {@link parseConfig}. */
export interface LoadConfigOptions {
  /** Variables for `${NAME}` placeholders (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Protocol names a key may use, beyond the built-in ones (custom adapters). */
  extraProtocols?: readonly string[];
}

/** Protocols the gateway knows without a custom adapter. */
export const BUILT_IN_PROTOCOLS = ['openai', 'anthropic', 'gemini', 'cohere', 'cohere-v1'] as const;

/** Endpoint selection strategies a model may name. */
export const STRATEGIES = ['price', 'latency', 'priority'] as const;

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
  const validateOptions: ValidateOptions = {
    protocols: [...BUILT_IN_PROTOCOLS, ...(options.extraProtocols ?? [])],
    strategies: STRATEGIES,
  };
  const issues: ConfigIssue[] = [];
  const config = validateConfig(interpolated, validateOptions, issues);
  if (config !== undefined && envIssues.length === 0) return config;
  // A value whose variable is missing is reported once, as missing, not also as malformed.
  const unresolved = new Set(envIssues.map((issue) => issue.path));
  throw new GatewayConfigError(source, [...envIssues, ...issues.filter((issue) => !unresolved.has(issue.path))]);
}

/** JSON.parse's message with a line and column, which it only gives as an offset on Node 20. */
function describeSyntaxError(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  const base = `not valid JSON: ${error.message.replace(/^JSON\.parse: /, '')}`;
  if (position === null || /line \d+/.test(error.message)) return base;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${base} (line ${line}, column ${column})`;
}
