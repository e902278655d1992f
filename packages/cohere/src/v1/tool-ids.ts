import type { JsonValue } from '@fluxcore/message';

/**
 * Cohere v1 tool calls have no ids, and results name their call by `{ name, parameters }`.
 * We derive the id from exactly that: a hash of the name and the canonical (key-sorted)
 * parameters, plus `_<n>` for the n-th repeat of an identical call in the same list. The same
 * answer gets the same ids streamed or not, and a result finds its call's id again.
 */
export class ToolCallIds {
  private readonly seen = new Map<string, number>();

  /** The id of the next call (or result) with this name and these parameters. */
  next(name: string, parameters: JsonValue): string {
    const base = `cohere_${fnv1a(`${name}\u0000${canonicalJson(parameters)}`)}`;
    const repeat = this.seen.get(base) ?? 0;
    this.seen.set(base, repeat + 1);
    return repeat === 0 ? base : `${base}_${repeat}`;
  }
}

/** A piece of canonical JSON still to write: literal text, or a value to expand. */
type Pending = { text: string } | { value: JsonValue };

/**
 * JSON with object keys sorted. Built with an explicit stack rather than recursion, so that
 * parameters nested thousands of levels deep (which JSON.parse accepts) cannot overflow the
 * call stack.
 */
function canonicalJson(root: JsonValue): string {
  const out: string[] = [];
  const pending: Pending[] = [{ value: root }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if ('text' in next) out.push(next.text);
    else if (Array.isArray(next.value)) pushReversed(pending, arrayPieces(next.value));
    else if (next.value !== null && typeof next.value === 'object') pushReversed(pending, objectPieces(next.value));
    else out.push(JSON.stringify(next.value));
  }
  return out.join('');
}

function arrayPieces(array: JsonValue[]): Pending[] {
  const pieces: Pending[] = [{ text: '[' }];
  array.forEach((value, i) => pieces.push(...(i === 0 ? [] : [{ text: ',' }]), { value }));
  pieces.push({ text: ']' });
  return pieces;
}

function objectPieces(object: { [key: string]: JsonValue }): Pending[] {
  const pieces: Pending[] = [{ text: '{' }];
  Object.keys(object)
    .sort()
    .forEach((key, i) => pieces.push({ text: `${i === 0 ? '' : ','}${JSON.stringify(key)}:` }, { value: object[key]! }));
  pieces.push({ text: '}' });
  return pieces;
}

/** Push so that the first piece is popped first (a loop: spreading a huge array could overflow). */
function pushReversed(stack: Pending[], pieces: Pending[]): void {
  for (let i = pieces.length - 1; i >= 0; i--) stack.push(pieces[i]!);
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits. Stable across runs and platforms. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
