import { fixtureFolder } from '@fluxcore/testkit';

/** The fixture files in this folder: a file's text, or a fresh copy of its JSON. */
export const { text: fixtureText, json: fixtureJson } = fixtureFolder(import.meta.url);
