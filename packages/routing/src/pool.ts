import { FluxError } from '@fluxcore/errors';
import { Endpoint, type Permit } from './endpoint.js';
import { compareIds, compareLatency, DEFAULT_EXPECTED_OUTPUT_TOKENS, type CustomStrategy, type SelectEstimate, type SelectionStrategy } from './select.js';

/** Options for {@link EndpointPool}. */
export interface EndpointPoolOptions {
  /** Attempts after the first one; `0` means exactly one attempt. Default 3. */
  readonly retries?: number;
  /** How to rank available endpoints. Default `price`. */
  readonly strategy?: SelectionStrategy;
  /** Output tokens assumed when a request sets no limit. Default {@link DEFAULT_EXPECTED_OUTPUT_TOKENS}. */
  readonly defaultOutputTokens?: number;
}

/** Default {@link EndpointPoolOptions.retries}. */
export const DEFAULT_RETRIES = 3;

type BuiltIn = 'price' | 'priority' | 'latency';
const BUILT_INS: ReadonlySet<string> = new Set<BuiltIn>(['price', 'priority', 'latency']);

/**
 * The endpoints one request may use, and how to choose among them. `select()` is re-evaluated
 * for every attempt: there is no sticky failover, so the cheapest endpoint takes traffic again
 * as soon as its breaker admits it.
 */
export class EndpointPool {
  /** The endpoints, in the order given (a frozen copy). */
  readonly endpoints: readonly Endpoint[];
  /** Attempts after the first one. */
  readonly retries: number;
  /** Output tokens assumed when a request sets no limit. */
  readonly defaultOutputTokens: number;
  readonly #builtIn: BuiltIn | undefined;
  /** The scanned copy. Not frozen: V8 indexes frozen arrays about twice as slowly. */
  readonly #scan: Endpoint[];
  /** Prices copied into contiguous arrays (they are immutable): the scan stays in cache. */
  readonly #inputPrices: Float64Array;
  readonly #outputPrices: Float64Array;
  readonly #custom: CustomStrategy | undefined;

  constructor(endpoints: readonly Endpoint[], options: EndpointPoolOptions = {}) {
    this.#scan = validEndpoints(endpoints);
    this.endpoints = Object.freeze([...this.#scan]);
    this.retries = nonNegativeInteger(options.retries, DEFAULT_RETRIES, 'retries');
    this.defaultOutputTokens = nonNegativeInteger(options.defaultOutputTokens, DEFAULT_EXPECTED_OUTPUT_TOKENS, 'defaultOutputTokens');
    this.#inputPrices = Float64Array.from(this.#scan, (endpoint) => endpoint.inputPrice);
    this.#outputPrices = Float64Array.from(this.#scan, (endpoint) => endpoint.outputPrice);
    const strategy = options.strategy ?? 'price';
    if (typeof strategy === 'function') {
      this.#custom = strategy;
    } else if (typeof strategy === 'string' && BUILT_INS.has(strategy)) {
      this.#builtIn = strategy;
    } else {
      throw invalid('strategy', "pool strategy must be 'price', 'priority', 'latency' or a function");
    }
  }

  /** The most attempts one request makes: `1 + retries`. */
  get maxAttempts(): number {
    return this.retries + 1;
  }

  /**
   * A permit for the best endpoint that may take this request now and is not in `exclude`, or
   * undefined. Skips open breakers, half-open breakers whose probe is in flight, and cooling
   * endpoints. A half-open endpoint that is chosen has its single probe slot claimed before this
   * returns, so concurrent callers cannot both probe it. Report the outcome with the permit:
   * `permit.endpoint.markSuccess(latencyMs, permit)` or `permit.endpoint.markFail(error, permit)`.
   * Allocation-free for the built-in strategies while the chosen breaker is closed.
   */
  acquire(estimate: SelectEstimate, exclude?: ReadonlySet<Endpoint>): Permit | undefined {
    if (typeof estimate !== 'object' || estimate === null)
      throw invalid('estimate', 'acquire(estimate) and select(estimate) need { inputTokens, maxOutputTokens? }');
    const inputTokens = tokenCount(estimate.inputTokens, 'estimate.inputTokens');
    const outputTokens = estimate.maxOutputTokens === undefined ? this.defaultOutputTokens : tokenCount(estimate.maxOutputTokens, 'estimate.maxOutputTokens');
    const best = this.#custom === undefined ? this.#rank(inputTokens, outputTokens, exclude) : this.#askCustom(this.#custom, estimate, exclude);
    return best?.tryAcquire();
  }

  /**
   * {@link acquire} without the permit: the chosen endpoint, or undefined. Report its outcome
   * with `markSuccess(latencyMs)` / `markFail(error)`, which are then taken as current; when
   * requests overlap, use `acquire` so that a late outcome cannot settle the half-open probe's
   * breaker.
   */
  select(estimate: SelectEstimate, exclude?: ReadonlySet<Endpoint>): Endpoint | undefined {
    return this.acquire(estimate, exclude)?.endpoint;
  }

  /**
   * The earliest time (epoch ms) at which an endpoint not in `exclude` may take a request: now
   * when one may already, undefined when there is none. Lets a caller decide to wait instead of
   * failing when every endpoint is open or cooling down.
   */
  nextAvailableAt(exclude?: ReadonlySet<Endpoint>): number | undefined {
    const now = Date.now();
    let earliest: number | undefined;
    for (const endpoint of this.endpoints) {
      if (exclude?.has(endpoint) === true) continue;
      const at = endpoint.availableAt(now);
      if (earliest === undefined || at < earliest) earliest = at;
    }
    return earliest;
  }

  #rank(inputTokens: number, outputTokens: number, exclude: ReadonlySet<Endpoint> | undefined): Endpoint | undefined {
    const endpoints = this.#scan;
    const inputPrices = this.#inputPrices;
    const outputPrices = this.#outputPrices;
    const skip = exclude !== undefined && exclude.size > 0 ? exclude : undefined;
    const byPrice = this.#builtIn === 'price';
    let now = -1;
    let best: Endpoint | undefined;
    let bestCost = 0;
    for (let i = 0; i < endpoints.length; i++) {
      const cost = inputPrices[i]! * inputTokens + outputPrices[i]! * outputTokens;
      // Under `price`, an endpoint dearer than the best so far loses whatever its state: it is
      // passed over on the price arrays alone, without reading the endpoint (a cache miss in a big pool).
      if (byPrice && best !== undefined && cost > bestCost) continue;
      const endpoint = endpoints[i]!;
      if (skip?.has(endpoint) === true) continue;
      if (!endpoint.admitsWithoutClock()) {
        if (now === -1) now = Date.now();
        if (!endpoint.isAvailable(now)) continue;
      }
      if (best !== undefined && this.#ranksAfter(endpoint, cost, best, bestCost)) continue;
      best = endpoint;
      bestCost = cost;
    }
    return best;
  }

  /**
   * True when `candidate` (costing `cost`) ranks after the best so far. Under `price`, a
   * different cost decides at once; the full comparison runs only on a tie.
   */
  #ranksAfter(candidate: Endpoint, cost: number, best: Endpoint, bestCost: number): boolean {
    if (this.#builtIn === 'price' && cost !== bestCost) return cost > bestCost;
    return this.#before(candidate, cost, best, bestCost) > 0;
  }

  /** Negative when `a` (costing `aCost`) ranks before `b` under the built-in strategy. */
  #before(a: Endpoint, aCost: number, b: Endpoint, bCost: number): number {
    let order: number;
    switch (this.#builtIn) {
      case 'priority':
        order = a.priority - b.priority || aCost - bCost || compareLatency(a, b);
        break;
      case 'latency':
        order = compareLatency(a, b) || aCost - bCost;
        break;
      default:
        order = aCost - bCost || compareLatency(a, b);
    }
    return order || compareIds(a.id, b.id);
  }

  #askCustom(strategy: CustomStrategy, estimate: SelectEstimate, exclude: ReadonlySet<Endpoint> | undefined): Endpoint | undefined {
    const now = Date.now();
    const candidates = this.endpoints.filter((endpoint) => exclude?.has(endpoint) !== true && endpoint.isAvailable(now));
    if (candidates.length === 0) return undefined;
    const chosen = strategy(candidates, estimate);
    if (chosen !== undefined && !candidates.includes(chosen)) {
      throw invalid('strategy', 'the custom strategy returned an endpoint that was not among the candidates');
    }
    return chosen;
  }
}

function validEndpoints(endpoints: readonly Endpoint[]): Endpoint[] {
  if (!Array.isArray(endpoints)) throw invalid('endpoints', 'EndpointPool needs an array of Endpoint');
  const ids = new Set<string | number>();
  return endpoints.map((endpoint, index) => {
    if (!(endpoint instanceof Endpoint)) throw invalid(`endpoints[${index}]`, `endpoints[${index}] is not an Endpoint (create it with new Endpoint({...}))`);
    if (ids.has(endpoint.id)) throw invalid(`endpoints[${index}].id`, `endpoints[${index}] repeats the id ${JSON.stringify(endpoint.id)}`);
    ids.add(endpoint.id);
    return endpoint;
  });
}

function nonNegativeInteger(value: unknown, fallback: number, param: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalid(param, `pool ${param} must be a non-negative integer`);
  return value;
}

function tokenCount(value: unknown, param: string): number {
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) throw invalid(param, `${param} must be a non-negative number of tokens`);
  return value;
}

function invalid(param: string, message: string): FluxError {
  return new FluxError({ category: 'invalid_request', message, param });
}
