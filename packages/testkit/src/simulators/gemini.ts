import type { ProviderSimulator } from '../scenario.js';

/** Simulated gemini provider. Replaced by the gemini adapter's author. */
export const geminiSimulator: ProviderSimulator | undefined = undefined;
