import { FluxError } from '@fluxcore/errors';
import type { ParseRequestOptions } from '@fluxcore/message';

/** Deadlines of one call, in milliseconds. Each is a client default that a request can override. */
export interface Timeouts {
  /** Opening the TCP (and TLS) connection to an upstream. Default 10 s. */
  connectMs: number;
  /**
   * Time to first token: from sending an attempt until its first content arrives. For a stream,
   * the first content event (text, reasoning, a tool call or the finish): response headers,
   * lifecycle frames and keep-alive comments do not stop it. For a non-streamed answer, the
   * whole body. On expiry the attempt fails over as a `timeout`. Default 120 s.
   */
  firstByteMs: number;
  /** Longest silence between two chunks of a response body or stream. Default 60 s. */
  idleMs: number;
  /** The whole call: every attempt and wait, and for a stream its whole duration. Default 10 min. */
  totalMs: number;
}

/** Defaults used when neither the client nor the request sets a timeout. */
export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = {
  connectMs: 10_000,
  firstByteMs: 120_000,
  idleMs: 60_000,
  totalMs: 600_000,
};

/**
 * Which upstream addresses a client may connect to. `public-only` refuses private, loopback,
 * link-local and similar addresses, checked at connect time on the very addresses DNS returned.
 */
export type EgressPolicy = 'any' | 'public-only';

/**
 * Transport and deadline settings of a `PoolClient` (`new PoolClient(pool, settings)`), or of a
 * pool's default client (`configurePool(pool, settings)`).
 */
export interface PoolSettings {
  /** Default deadlines for every call made through this client. */
  timeouts?: Partial<Timeouts>;
  /** Default `any`: local models on 127.0.0.1 are a normal use. */
  egress?: EgressPolicy;
  /** Largest upstream response body (or whole stream) accepted, in bytes. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Keep-alive connections per upstream origin. Default: unlimited. */
  connectionsPerOrigin?: number;
  /**
   * The most time one call spends, in total, waiting for endpoints to come back (a Retry-After
   * cooldown, an open breaker, another call's half-open probe). A wait that does not fit is not
   * started. Default 10 s.
   */
  maxRetryWaitMs?: number;
  /**
   * Send upstream requests through an HTTP(S) proxy. A proxy URL (`http://user:pass@proxy:3128`)
   * proxies every upstream; `'env'` follows `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (either
   * case) and goes direct when none is set. Default: no proxy, and those variables are ignored.
   * Cannot be combined with `egress: 'public-only'`: the proxy resolves upstream host names, so
   * the guard could not check the addresses actually connected to.
   */
  proxy?: string;
}

/** Options of one `request` or `requestStream` call. */
export interface CallOptions {
  /** Aborting it cancels the call and the upstream request at once. */
  signal?: AbortSignal;
  /** Deadlines for this call; unset fields fall back to the client's, then to the defaults. */
  timeouts?: Partial<Timeouts>;
  /** What the inbound URL said, for protocols that put the model or streaming there (Gemini). */
  route?: ParseRequestOptions;
}

/** Settings with every default filled in (`PoolClient.settings`). */
export interface ResolvedSettings {
  timeouts: Timeouts;
  egress: EgressPolicy;
  maxResponseBytes: number;
  connectionsPerOrigin: number | undefined;
  maxRetryWaitMs: number;
  proxy: string | undefined;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;

export function resolveSettings(settings: PoolSettings): ResolvedSettings {
  checkPositive(settings.maxResponseBytes, 'maxResponseBytes');
  checkPositive(settings.connectionsPerOrigin, 'connectionsPerOrigin');
  checkPositive(settings.maxRetryWaitMs, 'maxRetryWaitMs', true);
  if (settings.egress !== undefined && settings.egress !== 'any' && settings.egress !== 'public-only') {
    throw invalidSetting('egress', `'any' or 'public-only'`, settings.egress);
  }
  checkProxy(settings.proxy, settings.egress);
  return {
    timeouts: { ...DEFAULT_TIMEOUTS, ...checkedTimeouts(settings.timeouts, 'timeouts') },
    egress: settings.egress ?? 'any',
    maxResponseBytes: settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    connectionsPerOrigin: settings.connectionsPerOrigin,
    maxRetryWaitMs: settings.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS,
    proxy: settings.proxy,
  };
}

/** `'env'` or an http(s) URL; never echoed in the error, since it may carry credentials. */
function checkProxy(proxy: unknown, egress: EgressPolicy | undefined): void {
  if (proxy === undefined) return;
  if (proxy !== 'env' && !isHttpUrl(proxy)) {
    throw new FluxError({ category: 'invalid_request', param: 'proxy', message: `proxy must be 'env' or an http:// or https:// proxy URL` });
  }
  if (egress === 'public-only') {
    throw new FluxError({
      category: 'invalid_request',
      param: 'proxy',
      message: `proxy cannot be combined with egress 'public-only': the proxy resolves upstream host names, so the egress guard could not check the addresses used. Enforce egress rules at the proxy instead`,
    });
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The client's timeouts with this call's overrides applied. */
export function timeoutsFor(client: Timeouts, call: Partial<Timeouts> | undefined): Timeouts {
  return { ...client, ...checkedTimeouts(call, 'options.timeouts') };
}

const TIMEOUT_FIELDS = ['connectMs', 'firstByteMs', 'idleMs', 'totalMs'] as const;

/** The longest delay a Node.js timer honours; a longer one fires after 1 ms instead. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** The timeouts that are set, each checked to be a positive number of milliseconds a timer can wait. */
function checkedTimeouts(value: Partial<Timeouts> | undefined, where: string): Partial<Timeouts> {
  const out: Partial<Timeouts> = {};
  if (value === undefined) return out;
  for (const field of TIMEOUT_FIELDS) {
    const ms = value[field];
    if (ms === undefined) continue;
    checkPositive(ms, `${where}.${field}`);
    if (ms > MAX_TIMEOUT_MS) throw invalidSetting(`${where}.${field}`, `at most ${MAX_TIMEOUT_MS} (about 24.8 days)`, ms);
    out[field] = ms;
  }
  return out;
}

function checkPositive(value: unknown, field: string, zeroAllowed = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw invalidSetting(field, zeroAllowed ? 'a finite number >= 0' : 'a finite number > 0', value);
  }
}

function invalidSetting(field: string, expected: string, got: unknown): FluxError {
  return new FluxError({ category: 'invalid_request', param: field, message: `${field} must be ${expected}, got ${JSON.stringify(got) ?? String(got)}` });
}
