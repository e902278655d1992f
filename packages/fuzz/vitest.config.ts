import { fluxProject } from '../../vitest.shared.js';

const project = fluxProject('@fluxcore/fuzz', { testTimeout: 120_000 });

export default {
  ...project,
  // The suites are CPU-bound: let its five files use both cores.
  test: { ...project.test, globalSetup: ['./src/summary.global.ts'], maxWorkers: 2 },
};
