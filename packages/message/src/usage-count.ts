/**
 * A token count of a provider's usage block, read leniently: a finite number >= 0, else
 * undefined. Usage is bookkeeping: a malformed count is left out rather than failing an answer
 * whose content is fine.
 */
export function usageCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
