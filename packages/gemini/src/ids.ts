/**
 * Gemini function calls carry no ids. We derive one from what identifies the call inside its
 * answer (the response id when there is one, the call's position, its name and arguments), so
 * the streamed and the complete form of the same answer produce the same ids, and two calls
 * in one conversation do not collide. Short enough for every provider's id limits (OpenAI
 * allows 40 characters) and made of `[A-Za-z0-9_]` only (Anthropic's id pattern).
 */
export function generateToolCallId(seed: string, position: number, name: string, argumentsJson: string): string {
  return `call_${fnv1a64(`${seed}\u0000${position}\u0000${name}\u0000${argumentsJson}`)}`;
}

/** 64-bit FNV-1a over UTF-16 code units, as 16 hex digits. Not cryptographic; only stable. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

let responseCounter = 0;

/** A response id for an answer that came without `responseId`: unique within this process. */
export function fallbackResponseId(): string {
  responseCounter = (responseCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `gemini-${Date.now().toString(36)}-${responseCounter.toString(36)}`;
}
