import type { GrammarValidator } from './types.js';

/** Stream grammar validator for cohere. Replaced by the cohere adapter's author. */
export const validateCohereStream: GrammarValidator | undefined = undefined;
