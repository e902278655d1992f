import type { FluxError } from '@fluxcore/errors';
import type { InboundContext, PassthroughOutput, ProtocolAdapter, StreamDecoder, StreamEncoder, StreamEvent, StreamPassthrough } from '@fluxcore/message';
import { guard } from './adapter-guard.js';

/**
 * Turns one attempt's upstream bytes into wire text in the caller's protocol, with the IR
 * events that text carries (for usage, and for the rule that the first content commits the
 * stream). Each attempt gets its own, so a failed attempt leaves nothing behind.
 */
export interface StreamTranslator {
  push(chunk: Uint8Array): PassthroughOutput;
  end(): PassthroughOutput;
  /** True once the upstream's answer is complete: its finish event was decoded. */
  readonly finished: boolean;
  /** The caller protocol's error signal, to end this attempt's output once the caller has some of it. */
  fail(error: FluxError): string;
}

/**
 * The verbatim passthrough when both sides speak the same protocol and its adapter offers one
 * (nothing the IR does not model is lost), else the outbound decoder feeding the inbound encoder.
 */
export function translatorFor(inbound: ProtocolAdapter, outbound: ProtocolAdapter, context: InboundContext): StreamTranslator {
  return guard(() => {
    if (outbound.name === inbound.name && outbound.createStreamPassthrough !== undefined) {
      return new VerbatimTranslator(outbound.createStreamPassthrough(context), inbound, context);
    }
    return new ConvertingTranslator(outbound, outbound.createStreamDecoder(), inbound, inbound.createStreamEncoder(context));
  }, `the ${outbound.name} and ${inbound.name} adapters could not set up the stream`);
}

/**
 * Every adapter step below runs in {@link guard}: an exception an adapter throws is an
 * `upstream_protocol` failure of the attempt, as in `request`, never a `network` one.
 */
function unreadable(adapter: ProtocolAdapter): string {
  return `the ${adapter.name} adapter could not read the upstream stream`;
}

class ConvertingTranslator implements StreamTranslator {
  finished = false;

  constructor(
    private readonly outbound: ProtocolAdapter,
    private readonly decoder: StreamDecoder,
    private readonly inbound: ProtocolAdapter,
    private readonly encoder: StreamEncoder,
  ) {}

  push(chunk: Uint8Array): PassthroughOutput {
    return this.encode(guard(() => this.decoder.push(chunk), unreadable(this.outbound)));
  }

  end(): PassthroughOutput {
    return this.encode(guard(() => this.decoder.end(), unreadable(this.outbound)));
  }

  fail(error: FluxError): string {
    return this.encoder.fail(error);
  }

  private encode(events: StreamEvent[]): PassthroughOutput {
    return guard(() => {
      let wire = '';
      for (const event of events) {
        wire += this.encoder.encode(event);
        if (event.type === 'finish') this.finished = true;
      }
      return { wire, events };
    }, `the ${this.inbound.name} adapter could not encode the stream`);
  }
}

/**
 * What an encoder's state follows: the events that open or close the answer or one of its
 * blocks, and tool-call arguments (Cohere v1 repeats the calls in its last event).
 */
const STRUCTURAL: ReadonlySet<StreamEvent['type']> = new Set([
  'start',
  'text-start',
  'text-end',
  'reasoning-start',
  'reasoning-end',
  'tool-call-start',
  'tool-call-delta',
  'tool-call-end',
]);

class VerbatimTranslator implements StreamTranslator {
  /** The structure of the answer so far, replayed to the encoder that writes the error signal. */
  private readonly structure: StreamEvent[] = [];
  finished = false;

  constructor(
    private readonly passthrough: StreamPassthrough,
    private readonly inbound: ProtocolAdapter,
    private readonly context: InboundContext,
  ) {}

  push(chunk: Uint8Array): PassthroughOutput {
    return this.observe(guard(() => this.passthrough.push(chunk), unreadable(this.inbound)));
  }

  end(): PassthroughOutput {
    return this.observe(guard(() => this.passthrough.end(), unreadable(this.inbound)));
  }

  /**
   * The upstream's own frames opened the answer and its blocks, so the encoder (created only for
   * this) is told about that structure first, its output discarded, and writes just the closing
   * error signal: closing an open block first where the protocol needs it (Cohere's
   * `content-end` before `message-end`).
   */
  fail(error: FluxError): string {
    const encoder = this.inbound.createStreamEncoder(this.context);
    if (this.structure.length === 0) encoder.encode({ type: 'start' });
    for (const event of this.structure) encoder.encode(event);
    return encoder.fail(error);
  }

  private observe(output: PassthroughOutput): PassthroughOutput {
    for (const event of output.events) {
      if (STRUCTURAL.has(event.type)) this.structure.push(event);
      else if (event.type === 'finish') this.finished = true;
    }
    return output;
  }
}
