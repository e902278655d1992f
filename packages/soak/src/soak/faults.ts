import type { Upstream, UpstreamFault } from '@fluxcore/testkit';
import type { Prng } from './prng.js';

/** Timing of a {@link FaultSchedule}. */
export interface FaultScheduleOptions {
  /** How often the faulty upstreams draw a new fault. */
  tickMs: number;
  /** How long one upstream stays the healthy one before the role moves on. */
  phaseMs: number;
  /** Chance that a faulty upstream behaves at all during one tick. */
  quietChance: number;
}

/**
 * Makes a pool of upstreams misbehave at random, with one rule: at every instant one upstream
 * is healthy (has no fault set). The healthy role rotates every phase, so every upstream spends
 * time both faulty and healthy, and the pool must keep finding the healthy one. The handover is
 * one synchronous step: the next healthy upstream is cleared before the previous one may draw a
 * fault, so there is no instant without a healthy upstream.
 */
export class FaultSchedule {
  /** Index of the upstream that is healthy now. */
  healthy = 0;
  /** Ticks observed, and ticks at which no upstream was healthy (must stay 0). */
  ticks = 0;
  ticksWithoutHealthy = 0;
  private timer: NodeJS.Timeout | undefined;
  private phaseEndsAt = 0;
  private readonly faulty = new Set<number>();

  constructor(
    private readonly upstreams: readonly Upstream[],
    private readonly random: Prng,
    private readonly options: FaultScheduleOptions,
  ) {}

  start(): void {
    this.phaseEndsAt = Date.now() + this.options.phaseMs;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
  }

  /** Stop drawing faults and clear every fault. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const upstream of this.upstreams) upstream.setFault(undefined);
    this.faulty.clear();
  }

  private tick(): void {
    if (Date.now() >= this.phaseEndsAt) this.rotate();
    this.upstreams.forEach((upstream, index) => {
      if (index === this.healthy) return;
      const fault = this.random.chance(this.options.quietChance) ? undefined : randomFault(this.random);
      upstream.setFault(fault);
      if (fault === undefined) this.faulty.delete(index);
      else this.faulty.add(index);
    });
    this.ticks += 1;
    if (this.faulty.size >= this.upstreams.length) this.ticksWithoutHealthy += 1;
  }

  /** Hand the healthy role to another upstream, clearing its fault first. */
  private rotate(): void {
    const others = this.upstreams.map((_, index) => index).filter((index) => index !== this.healthy);
    const next = this.random.pick(others);
    this.upstreams[next]!.setFault(undefined);
    this.faulty.delete(next);
    this.healthy = next;
    this.phaseEndsAt = Date.now() + this.options.phaseMs;
  }
}

/** Every misbehaviour the soak injects, drawn uniformly; each lasts until the next tick. */
function randomFault(random: Prng): UpstreamFault {
  const afterFrames = random.int(0, 6);
  switch (random.int(0, 11)) {
    case 0:
      return { type: 'refuse' };
    case 1:
      return { type: 'reset', afterFrames };
    case 2:
      return { type: 'http-error', status: 429, retryAfter: random.pick(['0', '1']) };
    case 3:
      return { type: 'http-error', status: 500 };
    case 4:
      return { type: 'http-error', status: 503, ...(random.chance(0.5) ? { retryAfter: '1' } : {}) };
    case 5:
      return { type: 'http-error', status: 529 };
    case 6:
      return { type: 'stall', afterFrames };
    case 7:
      return { type: 'truncate', afterFrames };
    case 8:
      return { type: 'malformed-stream', afterFrames };
    case 9:
      return { type: 'malformed-json' };
    case 10:
      return { type: 'stream-error', afterFrames };
    default:
      return { type: 'reset', afterFrames: 0 };
  }
}
