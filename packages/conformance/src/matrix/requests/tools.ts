import type { JsonObject } from '@fluxcore/message';

/** A tool of the tool scenarios, before a protocol's wrapping. */
export interface ToolSpec {
  name: string;
  description: string;
  /** The JSON schema of its arguments. */
  schema: JsonObject;
}

/** The tools of the tool scenarios (Cohere v1 writes them as its own parameter definitions). */
export const WEATHER_TOOL: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather in a city.',
  schema: { type: 'object', properties: { city: { type: 'string', description: 'City name' }, unit: { type: 'string' } }, required: ['city'] },
};
export const TIME_TOOL: ToolSpec = {
  name: 'get_time',
  description: 'Local time in a time zone.',
  schema: { type: 'object', properties: { timezone: { type: 'string' }, format: { type: 'object' } }, required: ['timezone'] },
};
