import { defineConfig } from 'tsup';

/** Every published package builds the same way: ESM + CommonJS + typings, for Node 20.19+. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
