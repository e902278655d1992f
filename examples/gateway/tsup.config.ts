import { defineConfig } from 'tsup';

/**
 * Bundles the example into dist/main.js for plain Node 20. Only the simulated providers of the
 * private @fluxcore/testkit (TypeScript source, never published) are inlined; the @fluxcore
 * packages stay imports of their built dist/, exactly as in an application.
 */
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  clean: true,
  noExternal: ['@fluxcore/testkit'],
  silent: true,
});
