/** Protocol name of the Chat v2 adapter; the key of its `extras`. */
export const PROTOCOL = 'cohere';

/** Marks a text part that was Cohere's `tool_plan` (in `extras.cohere`), so it goes back as a plan. */
export const TOOL_PLAN_MARK = 'tool_plan';
