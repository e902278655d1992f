/**
 * `bytes` cut at the given offsets, in order; an offset counts modulo `bytes.length + 1`, and a
 * repeated one gives an empty piece. (testkit's `piecesOf` does the same for the adapters'
 * tests; this package's tests cannot import testkit, which depends on it.)
 */
export function piecesOf(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [0, ...cuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}
