import { defineConfig } from 'tsup';

/** Same build as every package (see tsup.config.base.ts), plus the CLI entry, which needs no typings. */
export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
});
