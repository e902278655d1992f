import type { ProviderSimulator } from '../scenario.js';

/** Simulated cohere-v1 provider. Replaced by the cohere-v1 adapter's author. */
export const cohereV1Simulator: ProviderSimulator | undefined = undefined;
