import { readFileSync } from 'node:fs';
import { GatewayConfigError, type ConfigIssue } from './config-issues.js';
import { BUILT_IN_PROTOCOLS } from './config-schema.js';
import type { GatewayConfig } from './config-types.js';
import { interpolateEnv } from './interpolate.js';
import { parseJsonConfig } from './json-config-text.js';
import { validateConfig } from './validate-config.js';
import { parseYamlConfig } from './yaml-config-text.js';

/** Options of {@link loadConfigFile} and {@link parseConfig}. */
export interface LoadConfigOptions {
  /** Variables for `${NAME}` placeholders (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Protocol names a key may use, beyond the built-in ones (custom adapters). */
  extraProtocols?: readonly string[];
}

/** A name ending in `.yaml` or `.yml` (any case) holds YAML; any other, JSON. */
const YAML_FILE = /\.ya?ml$/i;

/**
 * Read, interpolate and validate a config file: YAML when its name ends in `.yaml` or `.yml`,
 * JSON otherwise. Throws {@link GatewayConfigError} naming the file, the JSON path and what is
 * wrong (all issues at once).
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

/**
 * Parse, interpolate and validate config text; `source` names it in error messages, and its
 * ending chooses the syntax as for {@link loadConfigFile} (`.yaml`/`.yml`: YAML, else JSON).
 */
export function parseConfig(text: string, source: string, options: LoadConfigOptions = {}): GatewayConfig {
  const doc = YAML_FILE.test(source) ? parseYamlConfig(text, source) : parseJsonConfig(text, source);
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
