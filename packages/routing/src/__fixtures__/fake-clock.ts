import { afterEach, beforeEach, vi } from 'vitest';

/** Runs each test of the calling file on fake timers, the clock starting at `now` (ms since the epoch). */
export function useFakeClock(now: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
