/** `message (line L, column C)` for a character offset in `text`; the message alone without an offset. */
export function withLineAndColumn(message: string, text: string, offset: number | undefined): string {
  if (offset === undefined) return message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
