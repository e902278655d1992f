import type { FluxError } from '@fluxcore/errors';
import type { InboundContext, PassthroughOutput, ProtocolAdapter, StreamDecoder, StreamEncoder, StreamEvent, StreamPassthrough } from '@fluxcore/message';

/**
 * Turns one attempt's upstream bytes into wire text in the caller's protocol, with the IR
 * events that text carries (for usage, and for the rule that the first content commits the
 * stream). Each attempt gets its own, so a failed attempt leaves nothing behind.
 */
export interface StreamTranslator {
  push(chunk: Uint8Array): PassthroughOutput;
  end(): PassthroughOutput;
  /** The caller protocol's error signal, to end this attempt's output once the caller has some of it. */
  fail(error: FluxError): string;
}

/**
 * The verbatim passthrough when both sides speak the same protocol and its adapter offers one
 * (nothing the IR does not model is lost), else the outbound decoder feeding the inbound encoder.
 */
export function translatorFor(inbound: ProtocolAdapter, outbound: ProtocolAdapter, context: InboundContext): StreamTranslator {
  if (outbound.name === inbound.name && outbound.createStreamPassthrough !== undefined) {
    return new VerbatimTranslator(outbound.createStreamPassthrough(context), inbound, context);
  }
  return new ConvertingTranslator(outbound.createStreamDecoder(), inbound.createStreamEncoder(context));
}

class ConvertingTranslator implements StreamTranslator {
  constructor(
    private readonly decoder: StreamDecoder,
    private readonly encoder: StreamEncoder,
  ) {}

  push(chunk: Uint8Array): PassthroughOutput {
    return this.encode(this.decoder.push(chunk));
  }

  end(): PassthroughOutput {
    return this.encode(this.decoder.end());
  }

  fail(error: FluxError): string {
    return this.encoder.fail(error);
  }

  private encode(events: StreamEvent[]): PassthroughOutput {
    let wire = '';
    for (const event of events) wire += this.encoder.encode(event);
    return { wire, events };
  }
}

class VerbatimTranslator implements StreamTranslator {
  private start: StreamEvent | undefined;
  private finished = false;

  constructor(
    private readonly passthrough: StreamPassthrough,
    private readonly inbound: ProtocolAdapter,
    private readonly context: InboundContext,
  ) {}

  push(chunk: Uint8Array): PassthroughOutput {
    return this.observe(this.passthrough.push(chunk));
  }

  end(): PassthroughOutput {
    return this.observe(this.passthrough.end());
  }

  /**
   * The upstream's own frames opened the answer, so the encoder (created only for this) is told
   * about that start first and writes just the closing error signal. After the upstream's own
   * terminal frame there is nothing left to say.
   */
  fail(error: FluxError): string {
    if (this.finished) return '';
    const encoder = this.inbound.createStreamEncoder(this.context);
    encoder.encode(this.start ?? { type: 'start' });
    return encoder.fail(error);
  }

  private observe(output: PassthroughOutput): PassthroughOutput {
    for (const event of output.events) {
      if (event.type === 'start') this.start ??= event;
      else if (event.type === 'finish') this.finished = true;
    }
    return output;
  }
}
