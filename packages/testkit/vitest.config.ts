import { fluxProject } from '../../vitest.shared.js';

export default fluxProject('@fluxcore/testkit', { testTimeout: 30_000 });
