import { fluxProject } from '../../vitest.shared.js';

const project = fluxProject('@fluxcore/soak', { testTimeout: 120_000 });

/** `--expose-gc` lets the soak measure memory after a full collection instead of guessing. */
export default {
  ...project,
  test: { ...project.test, execArgv: ['--expose-gc'] },
};
