import type { JsonObject } from './json.js';
import type { ChatRequest } from './request.js';
import { setDefined } from './set-defined.js';
import type { FieldReader } from './wire-read.js';

/** The IR's numeric generation settings. */
export type NumericSetting = 'maxTokens' | 'temperature' | 'topP' | 'topK' | 'seed' | 'frequencyPenalty' | 'presencePenalty';

/**
 * A protocol's wire name for each numeric setting it carries (`{ top_p: 'topP', ... }`): one
 * table serves both directions, so the names are written down once.
 */
export type NumericSettingNames = Readonly<Record<string, NumericSetting>>;

/** How a protocol checks a setting: any finite number, an integer, or a count (an integer >= 0). */
export type NumberKind = 'number' | 'integer' | 'count';

/** Reads the settings `names` lists from a client's body into `request`; one not sent stays unset. */
export function readNumericSettings(fields: FieldReader, names: NumericSettingNames, request: ChatRequest, kind: NumberKind = 'number'): void {
  for (const [wire, setting] of Object.entries(names)) setDefined(request, setting, fields[kind](wire));
}

/** Writes the settings `names` lists that `request` sets into `body`, in the table's order (0 is a value and is written). */
export function writeNumericSettings(request: ChatRequest, names: NumericSettingNames, body: JsonObject): void {
  for (const [wire, setting] of Object.entries(names)) setDefined(body, wire, request[setting]);
}
