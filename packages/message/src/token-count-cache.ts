/**
 * Token counts of texts that come back again and again (the tool schemas a client sends with
 * every turn), by their text. Bounded by the characters of the texts it keeps, never more than
 * `maxChars`: remembering a text that does not fit drops the least recently used ones first, and
 * a text longer than `maxChars` is counted every time, never kept.
 */
export class TokenCountCache {
  readonly maxChars: number;
  readonly #counts = new Map<string, number>();
  #chars = 0;

  constructor(maxChars: number) {
    this.maxChars = maxChars;
  }

  /** Characters of the texts kept now. */
  get chars(): number {
    return this.#chars;
  }

  /** Texts kept now. */
  get size(): number {
    return this.#counts.size;
  }

  /** The token count of `text`: remembered, or counted with `count` and remembered if it fits. */
  tokens(text: string, count: (text: string) => number): number {
    const known = this.#counts.get(text);
    if (known !== undefined) {
      // A Map iterates in insertion order: moving the text to the end keeps the least recently used first.
      this.#counts.delete(text);
      this.#counts.set(text, known);
      return known;
    }
    const counted = count(text);
    if (text.length <= this.maxChars) this.#remember(text, counted);
    return counted;
  }

  #remember(text: string, tokens: number): void {
    for (const [oldest] of this.#counts) {
      if (this.#chars + text.length <= this.maxChars) break;
      this.#counts.delete(oldest);
      this.#chars -= oldest.length;
    }
    this.#counts.set(text, tokens);
    this.#chars += text.length;
  }
}
