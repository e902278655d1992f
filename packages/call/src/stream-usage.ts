import type { StreamEvent, TokenUsage } from '@fluxcore/message';

/**
 * What a stream tells us about its usage: the provider's counts (each `usage` event and the
 * `finish` event carry the latest totals; a later value wins per field) and the output text,
 * kept in pieces to estimate from only if the provider never reports.
 */
export class StreamUsage {
  reported: Partial<TokenUsage> = {};
  private output: string[] = [];

  observe(event: StreamEvent): void {
    switch (event.type) {
      case 'usage':
        this.merge(event.usage);
        break;
      case 'finish':
        if (event.usage !== undefined) this.merge(event.usage);
        break;
      case 'text-delta':
      case 'reasoning-delta':
        this.output.push(event.text);
        break;
      case 'tool-call-start':
        this.output.push(event.name);
        break;
      case 'tool-call-delta':
        this.output.push(event.argumentsDelta);
        break;
    }
  }

  outputText(): string {
    return this.output.join('');
  }

  /** Forget a failed attempt's numbers before the next one starts. */
  reset(): void {
    this.reported = {};
    this.output = [];
  }

  private merge(usage: Partial<TokenUsage>): void {
    for (const [field, value] of Object.entries(usage) as Array<[keyof TokenUsage, number | undefined]>) {
      if (value !== undefined) this.reported[field] = value;
    }
  }
}
