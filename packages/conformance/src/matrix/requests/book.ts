import type { JsonObject } from '@fluxcore/message';
import type { ScenarioName } from '../scenarios.js';

/** A scenario the inbound protocol has no way to write, and why. */
export interface Inexpressible {
  unsupported: string;
}

/** One hand-written client request per scenario, in one protocol's wire format (non-stream form). */
export type RequestBook = Readonly<Record<ScenarioName, JsonObject | Inexpressible>>;

export function isInexpressible(entry: JsonObject | Inexpressible): entry is Inexpressible {
  return typeof (entry as Inexpressible).unsupported === 'string';
}

/** A 1x1 red PNG. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
/** The start of a PDF file. */
export const PDF_BASE64 = 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcjw8L1Jvb3QgMSAwIFI+PgolJUVPRgo=';
export const IMAGE_URL = 'https://images.example.com/cat.jpg';
/** The reasoning signatures a client sends back in history, per issuing family. */
export const CLIENT_SIGNATURES = {
  anthropic: 'EqQBCkYIBxgCKkAanthropicClientSignature',
  gemini: 'CiQBVKhc7geminiClientThoughtSignature',
} as const;
/** Tool results, as JSON text. */
export const WEATHER_RESULT = '{"temperature":21,"unit":"celsius"}';
export const TIME_RESULT = '{"time":"14:05"}';
/** The JSON schema of the json-mode scenario. */
export const ANSWER_SCHEMA: JsonObject = { type: 'object', properties: { answer: { type: 'integer' } }, required: ['answer'] };
