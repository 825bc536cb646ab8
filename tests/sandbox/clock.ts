/**
 * Time for the sandbox. Rate windows, token lifetimes and the daily quota all
 * read `now()`, so a test can share one fake clock between the sandbox and the
 * client and measure a 20-second window without waiting 20 seconds.
 */
export interface SandboxClock {
  now(): number;
}

export const systemClock: SandboxClock = { now: () => Date.now() };

/** A clock that only moves when told; `sleep` moves it instead of waiting. */
export interface FakeClock extends SandboxClock {
  advance(ms: number): void;
  /**
   * Moves the clock forward by `ms` and resolves on the next macrotask, so
   * network I/O in flight can make progress. Concurrent sleepers each move
   * the clock, so total time can run ahead of a real schedule: fine for
   * measuring an upper bound, which is what the tests do.
   */
  sleep(ms: number): Promise<void>;
}

// A fixed weekday afternoon in Chicago: far from the quota's midnight reset.
export const FAKE_CLOCK_START = Date.UTC(2025, 0, 15, 18, 0, 0);

export function createFakeClock(start: number = FAKE_CLOCK_START): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += Math.max(0, ms);
    },
    sleep(ms) {
      time += Math.max(0, ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}
