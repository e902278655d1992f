import { fluxProject } from '../../vitest.shared.js';

export default fluxProject('@fluxcore-examples/custom-adapter');
