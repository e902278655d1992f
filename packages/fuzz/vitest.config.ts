import { fluxProject } from '../../vitest.shared.js';

const project = fluxProject('@fluxcore/fuzz', { testTimeout: 120_000 });

export default {
  ...project,
  test: { ...project.test, globalSetup: ['./src/summary.global.ts'] },
};
