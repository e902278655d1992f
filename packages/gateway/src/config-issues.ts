import { redactSecrets } from '@fluxcore/errors';

/** One problem found in a configuration: where, and what is wrong. */
export interface ConfigIssue {
  /** JSON path in the config (`endpoints["gpt-mini"].inputPrice`); empty for the whole document. */
  path: string;
  /** What is wrong, and what was expected. */
  message: string;
}

/**
 * Thrown when a configuration cannot be used. The message lists every issue with the file
 * and the JSON path, so one run shows everything to fix. Anything that looks like a key is redacted.
 */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  /** The file the configuration came from, or a description such as `environment`. */
  readonly source: string;
  /** Every problem found. */
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, issues: readonly ConfigIssue[]) {
    const redacted = issues.map((issue) => ({ path: issue.path, message: redactSecrets(issue.message) }));
    const lines = redacted.map((issue) => `  - ${issue.path || '(document)'}: ${issue.message}`);
    super(`invalid gateway config ${source}:\n${lines.join('\n')}`);
    this.source = source;
    this.issues = redacted;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of `key` inside the object at `parent`: `a.b`, or `a["gpt-4.1"]` when the key is not an identifier. */
export function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}
