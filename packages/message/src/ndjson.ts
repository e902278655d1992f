/**
 * Incremental newline-delimited JSON splitter (Cohere v1 streams, Ollama). Returns each
 * complete non-blank line; JSON parsing is left to the caller so it can classify errors.
 * Multi-byte UTF-8 characters split across chunks are handled; CRLF line ends are accepted.
 */
export class NdjsonDecoder {
  private readonly utf8 = new TextDecoder('utf-8');
  private buffer = '';

  /** Feed bytes (or text); returns the complete lines this chunk finished. */
  push(chunk: Uint8Array | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.utf8.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      this.collect(this.buffer.slice(start, newline), lines);
      start = newline + 1;
      newline = this.buffer.indexOf('\n', start);
    }
    this.buffer = this.buffer.slice(start);
    return lines;
  }

  /** The stream ended: returns the last line if it lacked a newline. */
  end(): string[] {
    const lines: string[] = [];
    this.collect(this.buffer + this.utf8.decode(), lines);
    this.buffer = '';
    return lines;
  }

  private collect(raw: string, lines: string[]): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim().length > 0) lines.push(line);
  }
}
