import type { ProviderSimulator } from '../scenario.js';

/** Simulated anthropic provider. Replaced by the anthropic adapter's author. */
export const anthropicSimulator: ProviderSimulator | undefined = undefined;
