import { childPath, type ConfigIssue } from './config-issues.js';

/** `${NAME}` or `${NAME:-fallback}`; NAME as a POSIX shell variable name. */
export const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** What a placeholder that names no variable and has no fallback looks like, to report it. */
const MALFORMED = /\$\{(?![A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\})/;

/**
 * Replace `${NAME}` and `${NAME:-fallback}` in every string of a parsed JSON tree with values
 * from `env`. A variable that is unset (or empty, when there is no fallback) is an issue at the
 * JSON path of the string, so a missing secret is reported before anything starts.
 */
export function interpolateEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, issues: ConfigIssue[], path = ''): unknown {
  if (typeof value === 'string') return interpolateString(value, env, issues, path);
  if (Array.isArray(value)) return value.map((item, i) => interpolateEnv(item, env, issues, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolateEnv(item, env, issues, childPath(path, key));
    return out;
  }
  return value;
}

function interpolateString(text: string, env: Readonly<Record<string, string | undefined>>, issues: ConfigIssue[], path: string): string {
  if (!text.includes('${')) return text;
  if (MALFORMED.test(text)) {
    issues.push({ path, message: 'malformed placeholder: write ${NAME} or ${NAME:-fallback}' });
    return text;
  }
  return text.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    issues.push({ path, message: `environment variable ${name} is not set` });
    return '';
  });
}
