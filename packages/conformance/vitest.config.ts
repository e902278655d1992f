import { fluxProject } from '../../vitest.shared.js';

export default fluxProject('@fluxcore/conformance', { testTimeout: 30_000 });
