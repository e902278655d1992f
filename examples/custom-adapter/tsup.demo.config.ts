import { defineConfig } from 'tsup';

/**
 * Bundles the demo (`pnpm start`) into dist/demo/ for plain Node 20. Only the simulated OpenAI
 * provider of the private @fluxcore/testkit (TypeScript source) is inlined; the @fluxcore
 * packages stay imports of their built dist/.
 */
export default defineConfig({
  entry: { main: 'src/demo/main.ts' },
  outDir: 'dist/demo',
  format: ['esm'],
  target: 'node20',
  clean: true,
  external: [/^@fluxcore\/(?!testkit)/],
  noExternal: ['@fluxcore/testkit'],
  silent: true,
});
