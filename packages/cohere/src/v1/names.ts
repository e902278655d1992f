/** Protocol name of the Chat v1 adapter; the key of its `extras`. */
export const PROTOCOL = 'cohere-v1';
