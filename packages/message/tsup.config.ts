import { defineConfig } from 'tsup';
import base from '../../tsup.config.base.js';

// Two entries: the public API, and `./internal` (the adapters' fast paths, outside semver).
export default defineConfig({ ...base, entry: ['src/index.ts', 'src/internal.ts'] });
