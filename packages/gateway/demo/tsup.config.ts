import { defineConfig } from 'tsup';

/** Bundles the simulated providers for the demo into demo/.build/ (not published, not committed). */
export default defineConfig({
  entry: { simulated: 'demo/simulated.ts' },
  outDir: 'demo/.build',
  format: ['esm'],
  target: 'node20',
  clean: true,
  noExternal: ['@fluxcore/testkit'],
  silent: true,
});
