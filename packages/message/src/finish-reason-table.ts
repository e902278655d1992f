import { ownValue } from './own-value.js';
import type { FinishReason } from './response.js';

/**
 * A protocol's finish reasons both ways, from two tables: every wire value the protocol
 * documents with its canonical meaning, and the wire value each canonical reason is sent as.
 */
export class FinishReasonTable {
  /**
   * @param fromWire every documented wire value and its canonical meaning
   * @param toWire the wire value each canonical reason is sent as
   * @param stopSequenceValue the wire value of a `stop` at a matched stop sequence, for a protocol that has one
   */
  constructor(
    private readonly fromWire: Readonly<Record<string, FinishReason>>,
    private readonly toWire: Readonly<Record<FinishReason, string>>,
    private readonly stopSequenceValue?: string,
  ) {}

  /** The canonical meaning of a wire value; an unknown one (`constructor` included) is `other`. */
  canonical(raw: string): FinishReason {
    return ownValue(this.fromWire, raw) ?? 'other';
  }

  /**
   * The wire value for `reason`: the provider's own `raw` value when the protocol documents it
   * with that meaning (a same-protocol trip keeps it), else the stop sequence's value for a
   * `stop` at one, else the table's.
   */
  wire(reason: FinishReason, raw?: string, stopSequence?: string): string {
    if (raw !== undefined && ownValue(this.fromWire, raw) === reason) return raw;
    if (reason === 'stop' && stopSequence !== undefined && this.stopSequenceValue !== undefined) return this.stopSequenceValue;
    return this.toWire[reason];
  }
}
