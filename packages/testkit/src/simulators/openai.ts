import type { ProviderSimulator } from '../scenario.js';

/** Simulated openai provider. Replaced by the openai adapter's author. */
export const openaiSimulator: ProviderSimulator | undefined = undefined;
