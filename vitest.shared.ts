import { defineProject } from 'vitest/config';

/**
 * Per-package vitest project. Sibling packages resolve to their `src/` through the
 * `@fluxcore/source` export condition, so tests need no prior build. Setting
 * `ssr.resolve.conditions` replaces Vite's defaults, hence they are listed again.
 */
export function fluxProject(name: string, extra: { testTimeout?: number } = {}) {
  return defineProject({
    ssr: { resolve: { conditions: ['@fluxcore/source', 'module', 'node', 'development|production'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 15_000,
    },
  });
}
