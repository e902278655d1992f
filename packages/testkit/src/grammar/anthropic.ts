import type { GrammarValidator } from './types.js';

/** Stream grammar validator for anthropic. Replaced by the anthropic adapter's author. */
export const validateAnthropicStream: GrammarValidator | undefined = undefined;
