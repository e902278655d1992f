import type { GrammarValidator } from './types.js';

/** Stream grammar validator for gemini. Replaced by the gemini adapter's author. */
export const validateGeminiStream: GrammarValidator | undefined = undefined;
