/**
 * What an Anthropic client makes of the stream: the event names in order, the text of the
 * `text_delta`s, and the `error` event if the stream ended with one. Chunks from `requestStream`
 * are whole SSE events, but this reader does not rely on it: it splits on the blank line.
 */
export class AnthropicSseReader {
  /** Event names in order of arrival (`message_start`, `content_block_delta`, ...). */
  readonly events: string[] = [];
  /** The text so far. */
  text = '';
  /** Every chunk read, concatenated: the wire text exactly as a client received it. */
  wire = '';
  /** The message of the `error` event, when the stream ended with one. */
  error: string | undefined;
  private pending = '';

  /** Read one chunk of wire text; returns the text it added. */
  read(chunk: string): string {
    this.wire += chunk;
    this.pending += chunk;
    let added = '';
    let end = this.pending.indexOf('\n\n');
    while (end !== -1) {
      added += this.readEvent(this.pending.slice(0, end));
      this.pending = this.pending.slice(end + 2);
      end = this.pending.indexOf('\n\n');
    }
    this.text += added;
    return added;
  }

  /** `message_start → content_block_start → content_block_delta ×11 → ...` */
  summary(): string {
    const runs: Array<{ name: string; count: number }> = [];
    for (const name of this.events) {
      const last = runs.at(-1);
      if (last?.name === name) last.count += 1;
      else runs.push({ name, count: 1 });
    }
    return runs.map((run) => (run.count > 1 ? `${run.name} ×${run.count}` : run.name)).join(' → ');
  }

  private readEvent(frame: string): string {
    let name = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    this.events.push(name);
    const payload = JSON.parse(data) as { delta?: { type?: string; text?: string }; error?: { message?: string } };
    if (name === 'error') this.error = payload.error?.message ?? 'unknown error';
    return payload.delta?.type === 'text_delta' ? (payload.delta.text ?? '') : '';
  }
}
