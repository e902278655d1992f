import { defineConfig, type Options } from 'tsup';

/**
 * Bundles a runnable program for plain Node 20: by default an example's src/main.ts into
 * dist/main.js. Only the simulated providers of the private @fluxcore/testkit (TypeScript
 * source, never published) are inlined; the @fluxcore packages stay imports of their built
 * dist/, exactly as in an application.
 */
export function runnableBundle(options: Options = {}): Options {
  return { entry: ['src/main.ts'], format: ['esm'], target: 'node20', clean: true, noExternal: ['@fluxcore/testkit'], silent: true, ...options };
}

export default defineConfig(runnableBundle());
