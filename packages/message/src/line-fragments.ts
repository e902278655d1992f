/**
 * The fragments of a line whose end has not arrived yet, kept apart and joined once, when it
 * does: the work stays linear however finely the upstream splits a long line. Shared by the
 * SSE and NDJSON decoders.
 */
export class LineFragments {
  private fragments: string[] = [];
  /** Characters held, for the decoders' size limits; 0 when no line is pending. */
  length = 0;

  add(fragment: string): void {
    this.fragments.push(fragment);
    this.length += fragment.length;
  }

  /** The whole line, `rest` being its last piece; the buffer is empty afterwards. */
  take(rest: string): string {
    this.fragments.push(rest);
    const line = this.fragments.join('');
    this.fragments = [];
    this.length = 0;
    return line;
  }
}
