import { readFileSync } from 'node:fs';
import type { JsonObject } from '@fluxcore/message';

/** A fixture file's text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** A fixture file parsed as JSON (a fresh copy each time, so tests may mutate it). */
export function fixtureJson(name: string): JsonObject {
  return JSON.parse(fixtureText(name)) as JsonObject;
}
