import type { FinishReason } from '@fluxcore/message';

const FINISH_REASONS: ReadonlySet<unknown> = new Set<FinishReason>(['stop', 'length', 'tool_calls', 'content_filter', 'error', 'other']);

/**
 * The first value in a parser's output that is not plain data: a function or a NaN (what a
 * lookup like `TABLE[wireValue]` yields for `constructor` or `toString`, or arithmetic on a
 * non-number). Undefined when all is plain.
 */
function impureValue(root: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[root, '$']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return `${path} is a ${typeof value}`;
    if (typeof value === 'number' && Number.isNaN(value)) return `${path} is NaN`;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, inner] of Object.entries(value)) pending.push([inner, `${path}.${key}`]);
  }
  return undefined;
}

/** The finish reasons the IR itself carries: a response's, and each `finish` event's. */
function finishReasons(output: unknown): unknown[] {
  if (Array.isArray(output)) return output.filter((event) => event?.type === 'finish').map((event) => event.finishReason);
  return typeof output === 'object' && output !== null && 'finishReason' in output ? [output.finishReason] : [];
}

/**
 * Fails when a parser's output is not plain IR data: a function or NaN anywhere, or a
 * finish reason outside the canonical set.
 */
export function assertPlainIr(output: unknown, what: string): void {
  const impure = impureValue(output);
  if (impure !== undefined) throw new Error(`${what} returned malformed IR: ${impure}`);
  const odd = finishReasons(output).find((reason) => !FINISH_REASONS.has(reason));
  if (odd !== undefined) throw new Error(`${what} returned malformed IR: finishReason ${String(odd)} is not canonical`);
}
