import { isObject, type JsonObject, type JsonValue } from '@fluxcore/message';

/**
 * What one OpenAI-compatible service needs beyond the common protocol. Most services take the
 * OpenAI body as is; a few are strict and answer 422 to fields they do not know.
 */
export interface Dialect {
  /** Which max-tokens field to use when the client's choice is unknown. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Whether to send `stream_options.include_usage`. */
  sendsStreamOptions: boolean;
  /** Rename or drop top-level fields the service rejects, just before sending. Nested values are replaced, never mutated (they may be the client's). */
  rewrite?(body: JsonObject): void;
}

/** OpenAI-compatible services: `max_tokens` is the field they all know. */
export const COMPATIBLE: Dialect = { maxTokensField: 'max_tokens', sendsStreamOptions: true };

/** OpenAI and Azure OpenAI: reasoning models reject `max_tokens`. */
export const OPENAI: Dialect = { maxTokensField: 'max_completion_tokens', sendsStreamOptions: true };

/**
 * Mistral forbids unknown fields (422 `extra_forbidden`): it calls the seed `random_seed`, has
 * no `user` and no per-message `name`, and reports stream usage without `stream_options`.
 */
const MISTRAL: Dialect = {
  maxTokensField: 'max_tokens',
  sendsStreamOptions: false,
  rewrite(body) {
    if (body.seed !== undefined) {
      body.random_seed = body.seed;
      delete body.seed;
    }
    delete body.user;
    if (Array.isArray(body.messages)) body.messages = body.messages.map(withoutName);
  },
};

function withoutName(message: JsonValue): JsonValue {
  if (!isObject(message) || message.name === undefined) return message;
  const { name: _name, ...rest } = message;
  return rest;
}

/** A Map, so that a host named like an Object member (`constructor`) is just an unknown host. */
const BY_HOST: ReadonlyMap<string, Dialect> = new Map([
  ['api.openai.com', OPENAI],
  ['api.mistral.ai', MISTRAL],
]);

/** The dialect of the service behind a base URL (by host; unknown hosts are plain compatible services). */
export function dialectOf(baseURL: string): Dialect {
  let host = '';
  try {
    host = new URL(baseURL).hostname.toLowerCase();
  } catch {
    return COMPATIBLE;
  }
  return BY_HOST.get(host) ?? COMPATIBLE;
}
