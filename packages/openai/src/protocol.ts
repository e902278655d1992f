/** The protocol name: the key of this adapter's entries in `extras`. */
export const PROTOCOL = 'openai';
/** The provider family (Chat Completions carries no signatures, so nothing is ever sent back under it). */
export const FAMILY = 'openai';
