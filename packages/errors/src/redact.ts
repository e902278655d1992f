/**
 * Secret redaction for every message fluxcore produces. Two layers: exact values registered
 * at runtime (every Key's apiKey is registered when it is validated, so even a key with no
 * recognisable shape is caught), and patterns for the shapes providers use.
 */

/** Shortest value we register: shorter strings would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Most values a registry holds by default. Each message is searched for every value, so the
 * count bounds both the memory and the time redaction takes; a process that churns through more
 * keys than this should unregister the ones it drops.
 */
export const DEFAULT_MAX_SECRETS = 1_000;

const SECRET_PATTERNS: readonly RegExp[] = [
  // Authorization: Bearer <token> / Basic <token>, in headers or prose.
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
  // Header-style and JSON-style assignments of key-like fields.
  /\b(x-api-key|x-goog-api-key|api-key|authorization|api_key|apikey)("?\s*[:=]\s*"?)[^\s",;}&]{6,}/gi,
  // ?key=... and &key=... in URLs (Gemini's query auth).
  /([?&](?:key|api_key|apikey|access_token)=)[^&#\s"]+/gi,
  // Provider key shapes: OpenAI/Anthropic/DeepSeek `sk-…`, Google `AIza…`, Groq `gsk_…`.
  /\b(?:sk|gsk|pk|rk)[-_][A-Za-z0-9_-]{12,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
];

/**
 * Secret values to redact by exact match, at most `maxSecrets` of them. Registering a value past
 * the cap forgets the one registered longest ago (registering a value again makes it the
 * newest): a forgotten value is then caught only if it has a recognisable shape.
 */
export class SecretRegistry {
  /** The most values it holds. */
  readonly maxSecrets: number;
  readonly #secrets = new Set<string>();

  constructor(maxSecrets = DEFAULT_MAX_SECRETS) {
    if (!Number.isInteger(maxSecrets) || maxSecrets < 1) throw new RangeError(`maxSecrets must be a positive integer, got ${String(maxSecrets)}`);
    this.maxSecrets = maxSecrets;
  }

  /** How many values are registered. */
  get size(): number {
    return this.#secrets.size;
  }

  /** Redact `secret` from every message from now on. Values shorter than 6 characters are ignored. */
  register(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return;
    this.#secrets.delete(secret);
    this.#secrets.add(secret);
    if (this.#secrets.size > this.maxSecrets) this.#forgetOldest();
  }

  /** Stop redacting `secret` by value (when its key is dropped); returns whether it was registered. */
  unregister(secret: string): boolean {
    return this.#secrets.delete(secret);
  }

  /** Whether `secret` is registered (and so redacted by value). */
  has(secret: string): boolean {
    return this.#secrets.has(secret);
  }

  /** Replace every registered value, and anything that looks like a credential, with `[REDACTED]`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    }
    return redactShapes(out);
  }

  #forgetOldest(): void {
    for (const oldest of this.#secrets) {
      this.#secrets.delete(oldest);
      return;
    }
  }
}

function redactShapes(text: string): string {
  let out = text.replace(SECRET_PATTERNS[0]!, '$1 [REDACTED]');
  out = out.replace(SECRET_PATTERNS[1]!, '$1$2[REDACTED]');
  out = out.replace(SECRET_PATTERNS[2]!, '$1[REDACTED]');
  out = out.replace(SECRET_PATTERNS[3]!, '[REDACTED]');
  return out.replace(SECRET_PATTERNS[4]!, '[REDACTED]');
}

/**
 * The registry every FluxError message, provider code, param and cause is redacted with, and the
 * one `registerSecret`, `unregisterSecret` and `redactSecrets` use. It is process-wide (one per
 * loaded copy of this package) and holds at most {@link DEFAULT_MAX_SECRETS} values.
 */
export const defaultSecrets = new SecretRegistry();

/** Redact `secret` from every message from now on ({@link defaultSecrets}). */
export function registerSecret(secret: string): void {
  defaultSecrets.register(secret);
}

/** Stop redacting `secret` by value, once no key in use has it ({@link defaultSecrets}). */
export function unregisterSecret(secret: string): boolean {
  return defaultSecrets.unregister(secret);
}

/** Replace anything that is or looks like a credential with `[REDACTED]` ({@link defaultSecrets}). */
export function redactSecrets(text: string): string {
  return defaultSecrets.redact(text);
}
