import { fluxProject } from '../../vitest.shared.js';

export default fluxProject('@fluxcore/adapter-kit');
