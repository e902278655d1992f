/** Most base URLs a memo keeps; past that it starts over (a caller cycling through many only refills it). */
const MEMO_LIMIT = 64;

/**
 * `derive`, remembered per base URL. A key's base URL is fixed, so the URL parsing behind the
 * upstream URL and the dialect need not run again on every request. A base URL that makes
 * `derive` throw is not remembered: it throws again each time.
 */
export function memoByBaseURL<T>(derive: (baseURL: string) => T): (baseURL: string) => T {
  const known = new Map<string, T>();
  return (baseURL) => {
    let value = known.get(baseURL);
    if (value === undefined) {
      value = derive(baseURL);
      if (known.size >= MEMO_LIMIT) known.clear();
      known.set(baseURL, value);
    }
    return value;
  };
}
