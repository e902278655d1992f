import type { ProviderSimulator, SimulatedCall } from '@fluxcore/adapter-kit';
import { isObject } from '@fluxcore/message';

/** The first value of a request header (names are lower-case). */
export function headerOf(call: SimulatedCall, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The key of an `Authorization: Bearer <key>` header. */
export function bearerKey(call: SimulatedCall): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headerOf(call, 'authorization') ?? '')?.[1];
}

/**
 * The route of a protocol that names the model and asks for a stream in the JSON body
 * (`model`, `stream: true`), for a request whose path matches `path`.
 */
export function bodyRoute(call: SimulatedCall, path: RegExp): ReturnType<ProviderSimulator['route']> {
  if (!path.test(call.path)) return undefined;
  const body = isObject(call.body) ? call.body : {};
  return { stream: body.stream === true, ...(typeof body.model === 'string' ? { model: body.model } : {}) };
}
