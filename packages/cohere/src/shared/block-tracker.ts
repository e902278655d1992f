import type { StreamEvent } from '@fluxcore/message';

type OpenBlock = { kind: 'text' | 'reasoning' | 'tool-call'; index: number };

/**
 * The IR side of a decoder: numbers blocks 0, 1, 2, ... and keeps at most one open, closing
 * the previous block whenever another one starts (the IR grammar in stream-event.ts).
 */
export class BlockTracker {
  private open: OpenBlock | undefined;
  private next = 0;

  /** The kind of the open block, if any. */
  get openKind(): OpenBlock['kind'] | undefined {
    return this.open?.kind;
  }

  /** Index of the open block (only valid while one is open). */
  get openIndex(): number {
    return this.open?.index ?? -1;
  }

  /** Close the open block (if any) and open a text or reasoning block. */
  startContent(kind: 'text' | 'reasoning', out: StreamEvent[]): number {
    this.close(out);
    const index = this.next++;
    this.open = { kind, index };
    out.push(kind === 'text' ? { type: 'text-start', index } : { type: 'reasoning-start', index });
    return index;
  }

  /** Close the open block (if any) and open a tool-call block. */
  startToolCall(id: string, name: string, out: StreamEvent[]): number {
    this.close(out);
    const index = this.next++;
    this.open = { kind: 'tool-call', index };
    out.push({ type: 'tool-call-start', index, id, name });
    return index;
  }

  /** Append text to the open text/reasoning block, opening a block of `kind` if needed. */
  appendText(kind: 'text' | 'reasoning', text: string, out: StreamEvent[]): void {
    if (this.open?.kind !== kind) this.startContent(kind, out);
    const index = this.openIndex;
    out.push(kind === 'text' ? { type: 'text-delta', index, text } : { type: 'reasoning-delta', index, text });
  }

  /** Close the open block, if any. */
  close(out: StreamEvent[]): void {
    const block = this.open;
    if (block === undefined) return;
    this.open = undefined;
    const type = block.kind === 'text' ? 'text-end' : block.kind === 'reasoning' ? 'reasoning-end' : 'tool-call-end';
    out.push({ type, index: block.index });
  }
}
