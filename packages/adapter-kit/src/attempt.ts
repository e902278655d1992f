/** What running an action came to: its value, or what it threw. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; thrown: unknown };

export function attempt<T>(action: () => T): Outcome<T> {
  try {
    return { ok: true, value: action() };
  } catch (thrown) {
    return { ok: false, thrown };
  }
}
