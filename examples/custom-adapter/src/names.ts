/** The adapter's `name`: the key of its `extras` and what `call` compares for the fast path. */
export const PROTOCOL = 'ollama';
