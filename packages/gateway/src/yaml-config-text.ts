import { parseDocument, visit, type Document } from 'yaml';
import { GatewayConfigError } from './config-issues.js';
import { withLineAndColumn } from './text-position.js';

/**
 * YAML 1.2's core schema whatever the file's `%YAML` directive says, and no YAML 1.1 tags
 * (`!!binary`, `!!timestamp`, `!!set`): the values are those JSON has, so a YAML config is
 * checked exactly like a JSON one. `yes` stays a string; an unknown tag leaves its text as is.
 */
const YAML_OPTIONS = { version: '1.2', schema: 'core', resolveKnownTags: false, uniqueKeys: true, prettyErrors: false, logLevel: 'error' } as const;

/**
 * Parser messages that end by quoting the text (a tag, an alias or anchor name, an escape
 * sequence, a block scalar header), which could be part of a key: that end is dropped.
 */
const QUOTED_SOURCE = /(?::\s|\s\\)[\s\S]*$/;

/**
 * Parse YAML config text into plain values. A syntax error is a {@link GatewayConfigError}
 * naming `source`, with the reason and the line and column, never with a piece of the text.
 */
export function parseYamlConfig(text: string, source: string): unknown {
  const doc = parseDocument(text, YAML_OPTIONS);
  const [error] = doc.errors;
  if (error !== undefined) {
    const reason = error.code === 'MULTIPLE_DOCS' ? 'a config is one document, this text has several' : error.message;
    throw syntaxError(source, withLineAndColumn(`not valid YAML: ${reason.replace(QUOTED_SOURCE, '')}`, text, error.pos[0]));
  }
  const alias = badAlias(doc);
  if (alias !== undefined) throw syntaxError(source, withLineAndColumn(`not valid YAML: ${alias.reason}`, text, alias.offset));
  try {
    return doc.toJS() as unknown;
  } catch (failure) {
    // More aliases than a config needs: a "billion laughs" document.
    throw syntaxError(source, `not valid YAML: ${(failure as Error).message.replace(QUOTED_SOURCE, '')}`);
  }
}

/**
 * An alias with no anchor before it, or one inside the node it names (`a: &x [*x]`, which no
 * JSON value can be), and where it is.
 */
function badAlias(doc: Document): { reason: string; offset: number | undefined } | undefined {
  let found: { reason: string; offset: number | undefined } | undefined;
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target !== undefined && !path.includes(target)) return undefined;
      const reason = target === undefined ? 'an alias names no anchor set before it' : 'an alias refers to a node that contains it';
      found = { reason, offset: alias.range?.[0] };
      return visit.BREAK;
    },
  });
  return found;
}

function syntaxError(source: string, message: string): GatewayConfigError {
  return new GatewayConfigError(source, [{ path: '', message }]);
}
