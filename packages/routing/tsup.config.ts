import { defineConfig, type Options } from 'tsup';
import base from '../../tsup.config.base.js';

/**
 * The shared build, with declarations that leave out members marked `@internal` (the hooks
 * EndpointPool uses on Endpoint). src/public-api.test.ts checks the result.
 */
export const dtsCompilerOptions = { stripInternal: true } as const;

export default defineConfig({ ...(base as Options), dts: { compilerOptions: dtsCompilerOptions } });
