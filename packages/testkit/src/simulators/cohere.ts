import type { ProviderSimulator } from '../scenario.js';

/** Simulated cohere provider. Replaced by the cohere adapter's author. */
export const cohereSimulator: ProviderSimulator | undefined = undefined;
