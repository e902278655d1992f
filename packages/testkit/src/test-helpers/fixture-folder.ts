import { readFileSync } from 'node:fs';
import type { JsonObject } from '@fluxcore/message';

/** Reads the fixture files beside one module. */
export interface FixtureFolder {
  /** A fixture file's text, e.g. `stream-text.sse`. */
  readonly text: (name: string) => string;
  /** A fixture file parsed as JSON: a fresh copy each time, so a test may change it. */
  readonly json: (name: string) => JsonObject;
}

/** The fixtures in the folder of the module at `moduleUrl` (its `import.meta.url`). */
export function fixtureFolder(moduleUrl: string): FixtureFolder {
  const text = (name: string): string => readFileSync(new URL(name, moduleUrl), 'utf8');
  return { text, json: (name) => JSON.parse(text(name)) as JsonObject };
}
