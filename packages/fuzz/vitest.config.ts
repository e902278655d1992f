import { fluxProject } from '../../vitest.shared.js';

const project = fluxProject('@fluxcore/fuzz', { testTimeout: 120_000 });

export default {
  ...project,
  // No maxWorkers of its own: vitest refuses projects that differ in it within one run.
  test: { ...project.test, globalSetup: ['./src/summary.global.ts'] },
};
