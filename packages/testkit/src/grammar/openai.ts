import type { GrammarValidator } from './types.js';

/** Stream grammar validator for openai. Replaced by the openai adapter's author. */
export const validateOpenaiStream: GrammarValidator | undefined = undefined;
