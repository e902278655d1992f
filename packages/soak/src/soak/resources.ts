/** Active handles and requests by type, as `process.getActiveResourcesInfo()` names them. */
export type ResourceCounts = Record<string, number>;

export function activeResources(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Types with more live resources now than in `baseline`, with the surplus. */
export function leakedResources(baseline: ResourceCounts): ResourceCounts {
  const leaked: ResourceCounts = {};
  for (const [type, count] of Object.entries(activeResources())) {
    const extra = count - (baseline[type] ?? 0);
    if (extra > 0) leaked[type] = extra;
  }
  return leaked;
}

/**
 * Wait until nothing is left over compared with `baseline`, or `withinMs` has passed (closing
 * sockets need a few turns of the event loop). Returns what is still left over.
 */
export async function settleResources(baseline: ResourceCounts, withinMs: number): Promise<ResourceCounts> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const leaked = leakedResources(baseline);
    if (Object.keys(leaked).length === 0 || Date.now() >= deadline) return leaked;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const collect = (globalThis as { gc?: () => void }).gc;

/** True when a full garbage collection can be forced (node `--expose-gc`). */
export const canCollectGarbage = collect !== undefined;

/** Heap in use after a full collection (when available), in bytes. */
export async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    collect?.();
  }
  return process.memoryUsage().heapUsed;
}
