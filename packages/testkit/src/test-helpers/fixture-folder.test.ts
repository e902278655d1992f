import { describe, expect, it } from 'vitest';
import { fixtureFolder } from './fixture-folder.js';

const folder = fixtureFolder(import.meta.url);

describe('fixtureFolder', () => {
  it('reads files relative to the folder of the module that names it', () => {
    expect(folder.text('fixture-folder.ts')).toContain('export function fixtureFolder');
    expect(folder.json('../../package.json')).toMatchObject({ name: '@fluxcore/testkit' });
  });

  it('parses a fresh copy each time, so one test changing it leaves the next one alone', () => {
    const first = folder.json('../../package.json');
    first.name = 'changed';
    expect(folder.json('../../package.json').name).toBe('@fluxcore/testkit');
  });
});
