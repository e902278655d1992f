import { inspect } from 'node:util';
import { isFluxError } from '@fluxcore/errors';

/** Thrown by a conformance check: the adapter breaks the contract, each way listed in `problems`. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';

  constructor(
    /** The adapter's protocol name. */
    readonly protocol: string,
    /** The check that failed. */
    readonly check: string,
    /** Every breach found, one sentence each. */
    readonly problems: readonly string[],
  ) {
    super(`${protocol}: ${check}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Collects the problems one check finds, and fails the check with all of them at the end. */
export class Problems {
  private readonly found: string[] = [];

  constructor(
    private readonly protocol: string,
    private readonly check: string,
  ) {}

  add(problem: string): void {
    this.found.push(problem);
  }

  /** Adds `problem` unless `ok`; returns `ok`. */
  expect(ok: boolean, problem: string): boolean {
    if (!ok) this.add(problem);
    return ok;
  }

  /** Throws a {@link ConformanceFailure} when anything was found. */
  settle(): void {
    if (this.found.length > 0) throw new ConformanceFailure(this.protocol, this.check, this.found);
  }
}

/** A readable account of whatever was thrown. */
export function describeThrown(thrown: unknown): string {
  if (isFluxError(thrown)) return `FluxError(${thrown.category}): ${thrown.message.slice(0, 200)}`;
  if (thrown instanceof Error) return `${thrown.constructor.name} (not a FluxError): ${thrown.message.slice(0, 200)}`;
  return `a non-Error value: ${String(thrown).slice(0, 200)}`;
}

/** A value on one line, for a problem's sentence. */
export function show(value: unknown): string {
  return inspect(value, { depth: 5, breakLength: Infinity });
}
