import { fluxProject } from '../../vitest.shared.js';

export default fluxProject('@fluxcore/bench', { testTimeout: 60_000 });
