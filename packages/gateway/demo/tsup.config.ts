import { defineConfig } from 'tsup';
import { runnableBundle } from '../../../tsup.config.runnable.js';

/** Bundles the simulated providers for the demo into demo/.build/ (not published, not committed). */
export default defineConfig(runnableBundle({ entry: { simulated: 'demo/simulated.ts' }, outDir: 'demo/.build' }));
