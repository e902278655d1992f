import type { GrammarValidator } from './types.js';

/** Stream grammar validator for cohere-v1. Replaced by the cohere-v1 adapter's author. */
export const validateCohereV1Stream: GrammarValidator | undefined = undefined;
