import { childPath, type ConfigIssue } from './config-issues.js';
import {
  LOG_LEVELS,
  type AuthConfig,
  type BreakerConfig,
  type EndpointConfig,
  type GatewayConfig,
  type KeyConfig,
  type ListenConfig,
  type LogConfig,
  type LimitsConfig,
  type LogLevel,
  type ModelConfig,
  type ShutdownConfig,
  type TimeoutsConfig,
  type UpstreamConfig,
} from './config-types.js';

/** What the validator needs to know beyond the document. */
export interface ValidateOptions {
  /** Protocol names a key may use (the built-in adapters plus any custom ones). */
  protocols: readonly string[];
  /** Strategy names a model may use. */
  strategies: readonly string[];
}

/**
 * Check a parsed (and interpolated) configuration. Returns the typed config, or undefined after
 * pushing every issue found: unknown fields (typos), wrong types, out-of-range numbers and
 * dangling references between keys, endpoints and models.
 */
export function validateConfig(doc: unknown, options: ValidateOptions, issues: ConfigIssue[]): GatewayConfig | undefined {
  const before = issues.length;
  const v = new Validator(issues, options);
  const root = v.object(doc, '', ['$schema', 'listen', 'auth', 'keys', 'endpoints', 'models', 'limits', 'shutdown', 'log', 'upstream']);
  if (root === undefined) return undefined;
  const keyNames = namesOf(root.keys);
  const endpointNames = namesOf(root.endpoints);
  const keys = v.record(root.keys, 'keys', (value, path) => v.key(value, path));
  const endpoints = v.record(root.endpoints, 'endpoints', (value, path) => v.endpoint(value, path, keyNames));
  const models = v.record(root.models, 'models', (value, path) => v.model(value, path, endpointNames));
  const config: GatewayConfig = { keys, endpoints, models };
  if (root.listen !== undefined) config.listen = v.listen(root.listen, 'listen');
  if (root.auth !== undefined) config.auth = v.auth(root.auth, 'auth');
  if (root.limits !== undefined) config.limits = v.limits(root.limits, 'limits');
  if (root.shutdown !== undefined) config.shutdown = v.shutdown(root.shutdown, 'shutdown');
  if (root.log !== undefined) config.log = v.log(root.log, 'log');
  if (root.upstream !== undefined) config.upstream = v.upstream(root.upstream, 'upstream');
  return issues.length === before ? config : undefined;
}

interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;

class Validator {
  constructor(
    private readonly issues: ConfigIssue[],
    private readonly options: ValidateOptions,
  ) {}

  key(value: unknown, path: string): KeyConfig | undefined {
    const o = this.object(value, path, ['protocol', 'baseURL', 'apiKey', 'headers']);
    if (o === undefined) return undefined;
    const protocol = this.oneOf(o.protocol, childPath(path, 'protocol'), this.options.protocols);
    const baseURL = this.url(o.baseURL, childPath(path, 'baseURL'));
    const apiKey = this.string(o.apiKey, childPath(path, 'apiKey'));
    if (protocol === undefined || baseURL === undefined || apiKey === undefined) return undefined;
    const key: KeyConfig = { protocol, baseURL, apiKey };
    if (o.headers !== undefined) key.headers = this.stringMap(o.headers, childPath(path, 'headers'));
    return key;
  }

  endpoint(value: unknown, path: string, keys: readonly string[]): EndpointConfig | undefined {
    const o = this.object(value, path, ['key', 'model', 'inputPrice', 'outputPrice', 'cachedInputPrice', 'cacheWritePrice', 'priority', 'breaker']);
    if (o === undefined) return undefined;
    const key = this.reference(o.key, childPath(path, 'key'), keys, 'keys');
    const inputPrice = this.number(o.inputPrice, childPath(path, 'inputPrice'), { min: 0 });
    const outputPrice = this.number(o.outputPrice, childPath(path, 'outputPrice'), { min: 0 });
    if (key === undefined || inputPrice === undefined || outputPrice === undefined) return undefined;
    const endpoint: EndpointConfig = { key, inputPrice, outputPrice };
    if (o.model !== undefined) endpoint.model = this.string(o.model, childPath(path, 'model'));
    if (o.cachedInputPrice !== undefined) {
      endpoint.cachedInputPrice = this.number(o.cachedInputPrice, childPath(path, 'cachedInputPrice'), { min: 0 });
    }
    if (o.cacheWritePrice !== undefined) {
      endpoint.cacheWritePrice = this.number(o.cacheWritePrice, childPath(path, 'cacheWritePrice'), { min: 0 });
    }
    if (o.priority !== undefined) endpoint.priority = this.number(o.priority, childPath(path, 'priority'), {});
    if (o.breaker !== undefined) endpoint.breaker = this.breaker(o.breaker, childPath(path, 'breaker'));
    return endpoint;
  }

  breaker(value: unknown, path: string): BreakerConfig | undefined {
    const o = this.object(value, path, ['threshold', 'recoveryTimeoutMs']);
    if (o === undefined) return undefined;
    const breaker: BreakerConfig = {};
    if (o.threshold !== undefined) breaker.threshold = this.number(o.threshold, childPath(path, 'threshold'), { min: 1, integer: true });
    if (o.recoveryTimeoutMs !== undefined) {
      breaker.recoveryTimeoutMs = this.number(o.recoveryTimeoutMs, childPath(path, 'recoveryTimeoutMs'), { min: 1, integer: true });
    }
    return breaker;
  }

  model(value: unknown, path: string, endpoints: readonly string[]): ModelConfig | undefined {
    const o = this.object(value, path, ['endpoints', 'strategy', 'retries', 'timeouts', 'maxRetryWaitMs']);
    if (o === undefined) return undefined;
    const list = this.endpointList(o.endpoints, childPath(path, 'endpoints'), endpoints);
    const model: ModelConfig = { endpoints: list ?? [] };
    if (o.strategy !== undefined) model.strategy = this.oneOf(o.strategy, childPath(path, 'strategy'), this.options.strategies);
    if (o.retries !== undefined) model.retries = this.number(o.retries, childPath(path, 'retries'), { min: 0, max: 10, integer: true });
    if (o.timeouts !== undefined) model.timeouts = this.timeouts(o.timeouts, childPath(path, 'timeouts'));
    if (o.maxRetryWaitMs !== undefined) {
      model.maxRetryWaitMs = this.number(o.maxRetryWaitMs, childPath(path, 'maxRetryWaitMs'), { min: 0, integer: true });
    }
    return list === undefined ? undefined : model;
  }

  endpointList(value: unknown, path: string, endpoints: readonly string[]): string[] | undefined {
    if (!Array.isArray(value) || value.length === 0) {
      return this.fail(path, `expected a non-empty array of endpoint ids, got ${describe(value)}`);
    }
    const ids: string[] = [];
    value.forEach((item, i) => {
      const id = this.reference(item, `${path}[${i}]`, endpoints, 'endpoints');
      if (id === undefined) return;
      if (ids.includes(id)) this.fail(`${path}[${i}]`, `endpoint "${id}" is listed twice`);
      else ids.push(id);
    });
    return ids.length === value.length ? ids : undefined;
  }

  timeouts(value: unknown, path: string): TimeoutsConfig | undefined {
    const fields = ['connectMs', 'firstByteMs', 'idleMs', 'totalMs'] as const;
    const o = this.object(value, path, fields);
    if (o === undefined) return undefined;
    const timeouts: TimeoutsConfig = {};
    for (const field of fields) {
      if (o[field] !== undefined) timeouts[field] = this.number(o[field], childPath(path, field), { min: 1, integer: true });
    }
    return timeouts;
  }

  listen(value: unknown, path: string): ListenConfig | undefined {
    const o = this.object(value, path, ['host', 'port']);
    if (o === undefined) return undefined;
    const listen: ListenConfig = {};
    if (o.host !== undefined) listen.host = this.string(o.host, childPath(path, 'host'));
    if (o.port !== undefined) listen.port = this.number(o.port, childPath(path, 'port'), { min: 0, max: 65535, integer: true });
    return listen;
  }

  auth(value: unknown, path: string): AuthConfig | undefined {
    const o = this.object(value, path, ['keys']);
    if (o === undefined) return undefined;
    const keysPath = childPath(path, 'keys');
    if (!Array.isArray(o.keys) || o.keys.length === 0) {
      return this.fail(keysPath, `expected a non-empty array of gateway keys, got ${describe(o.keys)}`);
    }
    const keys = o.keys.map((item, i) => this.string(item, `${keysPath}[${i}]`));
    return keys.every((k) => k !== undefined) ? { keys: keys as string[] } : undefined;
  }

  limits(value: unknown, path: string): LimitsConfig | undefined {
    const o = this.object(value, path, ['maxBodyBytes']);
    if (o === undefined) return undefined;
    const limits: LimitsConfig = {};
    if (o.maxBodyBytes !== undefined) limits.maxBodyBytes = this.number(o.maxBodyBytes, childPath(path, 'maxBodyBytes'), { min: 1, integer: true });
    return limits;
  }

  shutdown(value: unknown, path: string): ShutdownConfig | undefined {
    const o = this.object(value, path, ['graceMs']);
    if (o === undefined) return undefined;
    const shutdown: ShutdownConfig = {};
    if (o.graceMs !== undefined) shutdown.graceMs = this.number(o.graceMs, childPath(path, 'graceMs'), { min: 0, integer: true });
    return shutdown;
  }

  upstream(value: unknown, path: string): UpstreamConfig | undefined {
    const o = this.object(value, path, ['egress', 'proxy', 'connectionsPerOrigin']);
    if (o === undefined) return undefined;
    const upstream: UpstreamConfig = {};
    if (o.egress !== undefined) upstream.egress = this.oneOf(o.egress, childPath(path, 'egress'), ['any', 'public-only']) as UpstreamConfig['egress'];
    if (o.proxy !== undefined) upstream.proxy = this.proxy(o.proxy, childPath(path, 'proxy'));
    if (o.connectionsPerOrigin !== undefined) {
      upstream.connectionsPerOrigin = this.number(o.connectionsPerOrigin, childPath(path, 'connectionsPerOrigin'), { min: 1, integer: true });
    }
    if (upstream.proxy !== undefined && upstream.egress === 'public-only') {
      return this.fail(childPath(path, 'proxy'), 'a proxy cannot be combined with egress "public-only": the proxy resolves upstream host names, so the guard could not check the addresses used');
    }
    return upstream;
  }

  /** `env`, or an http(s) proxy URL. Never quoted: it may hold the proxy's credentials. */
  proxy(value: unknown, path: string): string | undefined {
    if (value === 'env') return value;
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    let protocol: string;
    try {
      protocol = new URL(text).protocol;
    } catch {
      protocol = '';
    }
    if (protocol === 'http:' || protocol === 'https:') return text;
    return this.fail(path, 'expected "env" or an http:// or https:// proxy URL (the value is not shown: it may hold a credential)');
  }

  log(value: unknown, path: string): LogConfig | undefined {
    const o = this.object(value, path, ['level']);
    if (o === undefined) return undefined;
    const log: LogConfig = {};
    if (o.level !== undefined) log.level = this.oneOf(o.level, childPath(path, 'level'), LOG_LEVELS) as LogLevel | undefined;
    return log;
  }

  /** A JSON object whose names are all in `fields`; a name outside them is reported with a suggestion. */
  object(value: unknown, path: string, fields: readonly string[]): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.fail(path, `expected an object, got ${describe(value)}`);
    }
    for (const name of Object.keys(value)) {
      if (fields.includes(name)) continue;
      const near = fields.find((f) => f.toLowerCase() === name.toLowerCase());
      this.fail(childPath(path, name), `unknown field${near ? ` (did you mean "${near}"?)` : `; expected one of ${fields.filter((f) => f !== '$schema').join(', ')}`}`);
    }
    return value as Record<string, unknown>;
  }

  /** An object of named entries (keys, endpoints, models): at least one, each checked by `entry`. */
  record<T>(value: unknown, path: string, entry: (value: unknown, path: string) => T | undefined): Record<string, T> {
    const out: Record<string, T> = {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `expected an object of named entries, got ${describe(value)}`);
      return out;
    }
    const names = Object.keys(value);
    if (names.length === 0) this.fail(path, 'expected at least one entry');
    for (const name of names) {
      if (name.trim() === '') {
        this.fail(childPath(path, name), 'a name must not be empty');
        continue;
      }
      const checked = entry((value as Record<string, unknown>)[name], childPath(path, name));
      if (checked !== undefined) out[name] = checked;
    }
    return out;
  }

  /** A name that must be declared in another table (validity of that entry is checked there). */
  reference(value: unknown, path: string, known: readonly string[], tableName: string): string | undefined {
    const name = this.string(value, path);
    if (name === undefined) return undefined;
    if (known.includes(name)) return name;
    return this.fail(path, `unknown ${tableName.slice(0, -1)} "${name}"${known.length > 0 ? ` (defined in ${tableName}: ${known.join(', ')})` : ''}`);
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    return this.fail(path, `expected a non-empty string, got ${describe(value)}`);
  }

  stringMap(value: unknown, path: string): Record<string, string> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.fail(path, `expected an object of strings, got ${describe(value)}`);
    }
    const out: Record<string, string> = {};
    for (const [name, item] of Object.entries(value)) {
      if (typeof item === 'string') out[name] = item;
      else this.fail(childPath(path, name), `expected a string, got ${describe(item)}`);
    }
    return out;
  }

  oneOf(value: unknown, path: string, allowed: readonly string[]): string | undefined {
    if (typeof value === 'string' && allowed.includes(value)) return value;
    return this.fail(path, `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describe(value)}`);
  }

  /**
   * A base URL. Messages never quote it: a URL written wrongly may hold a credential (a key
   * pasted into the path, `?key=`, `user:key@`), and no redaction pattern knows every shape.
   */
  url(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return this.fail(path, `expected an absolute http(s) URL such as "https://api.openai.com" (the value is not shown: it may hold a credential)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return this.fail(path, 'expected an http or https URL (the value is not shown: it may hold a credential)');
    }
    if (parsed.username !== '' || parsed.password !== '') return this.fail(path, 'credentials in the URL are not allowed: put the key in apiKey');
    if (text.includes('?')) return this.fail(path, 'a query string is not allowed: put the key in apiKey');
    if (text.includes('#')) return this.fail(path, 'a fragment is not allowed');
    return text.replace(/\/+$/, '');
  }

  /** A finite number within the rule; numeric strings count, so that `"${PORT}"` works. */
  number(value: unknown, path: string, rule: NumberRule): number | undefined {
    const n = typeof value === 'string' && NUMERIC_TEXT.test(value.trim()) ? Number(value) : value;
    const expected = `${rule.integer ? 'an integer' : 'a number'}${range(rule)}`;
    if (typeof n !== 'number' || !Number.isFinite(n)) return this.fail(path, `expected ${expected}, got ${describe(value)}`);
    if (rule.integer && !Number.isInteger(n)) return this.fail(path, `expected ${expected}, got ${n}`);
    if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
      return this.fail(path, `expected ${expected}, got ${n}`);
    }
    return n;
  }

  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }
}

/** The names declared in a table, valid entries or not (so one bad entry is not also reported as missing). */
function namesOf(table: unknown): string[] {
  return table !== null && typeof table === 'object' && !Array.isArray(table) ? Object.keys(table) : [];
}

function range(rule: NumberRule): string {
  if (rule.min !== undefined && rule.max !== undefined) return ` between ${rule.min} and ${rule.max}`;
  if (rule.min !== undefined) return ` >= ${rule.min}`;
  return '';
}

/** A short description of a JSON value for messages; never prints long strings in full. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}
