/**
 * Secret redaction for every message fluxcore produces. Two layers: exact values registered
 * at runtime (every Key's apiKey is registered when it is validated, so even a key with no
 * recognisable shape is caught), and patterns for the shapes providers use.
 */

const registeredSecrets = new Set<string>();

/** Shortest value we register: shorter strings would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

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

/** Remember a secret so that it is redacted from every message from now on. */
export function registerSecret(secret: string): void {
  if (secret.length >= MIN_SECRET_LENGTH) registeredSecrets.add(secret);
}

/** Replace anything that is or looks like a credential with `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of registeredSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  out = out.replace(SECRET_PATTERNS[0]!, '$1 [REDACTED]');
  out = out.replace(SECRET_PATTERNS[1]!, '$1$2[REDACTED]');
  out = out.replace(SECRET_PATTERNS[2]!, '$1[REDACTED]');
  out = out.replace(SECRET_PATTERNS[3]!, '[REDACTED]');
  out = out.replace(SECRET_PATTERNS[4]!, '[REDACTED]');
  return out;
}
