import { GatewayConfigError } from './config-issues.js';
import { withLineAndColumn } from './text-position.js';

/**
 * Parse JSON config text. A syntax error is a {@link GatewayConfigError} naming `source`, with
 * JSON.parse's reason and the line and column, never with a piece of the text.
 */
export function parseJsonConfig(text: string, source: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new GatewayConfigError(source, [{ path: '', message: describeSyntaxError(text, error as Error) }]);
  }
}

/**
 * V8's "Unexpected token" message quotes up to 10 characters of source on each side of the
 * token (`Unexpected token 'u', ..."apiKey": urlpl"... is not valid JSON`), which can be part
 * of a key written without quotes. It is dropped; the position is computed from it instead.
 */
const SOURCE_EXCERPT = /^(Unexpected token '[\s\S]{1,2}'), (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;
/** How many characters V8 quotes before the unexpected token. */
const EXCERPT_CONTEXT = 10;

/** JSON.parse's reason with a line and column (Node 20 gives an offset, or an excerpt). */
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
