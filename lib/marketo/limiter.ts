/**
 * Client-side pacing for Marketo's documented limits: at most 100 calls in
 * any 20-second window and at most 10 calls in flight per instance. Going
 * over costs a 606 or 615 and a retry; waiting here is cheaper.
 *
 * Calls start in the order they were queued. Time comes from an injected
 * clock and waiting from an injected `sleep`, so tests drive it with a fake
 * clock instead of real waiting.
 */

export interface RateLimits {
  maxCalls: number;
  windowMs: number;
  maxInFlight: number;
  /** Extra spacing added to the window, against timer and clock jitter. */
  marginMs: number;
}

export const MARKETO_LIMITS: RateLimits = { maxCalls: 100, windowMs: 20_000, maxInFlight: 10, marginMs: 100 };

export interface LimiterOptions {
  limits?: Partial<RateLimits>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Runs `task` once the limits allow it; the slot is held until it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly inFlight: number;
  readonly queued: number;
}

/**
 * A call in the window. Marketo counts a call when it arrives, which is
 * somewhere between our sending it and our hearing back. So a call counts
 * from when it leaves, and stays counted until a full window after it
 * settled: never earlier than Marketo lets it go, however slow the network.
 */
interface Counted {
  settledAt?: number;
}

export function createRateLimiter(options: LimiterOptions): RateLimiter {
  const limits = { ...MARKETO_LIMITS, ...options.limits };
  const span = limits.windowMs + limits.marginMs;
  const { now, sleep } = options;
  let counted: Counted[] = [];
  const waiting: Array<(entry: Counted) => void> = [];
  let inFlight = 0;
  let pumping = false;

  // One pump at a time hands out slots; it is the only one that sleeps, so a
  // burst of callers never turns into a burst of timers.
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting.length > 0 && inFlight < limits.maxInFlight) {
        const at = now();
        counted = counted.filter((c) => c.settledAt === undefined || c.settledAt > at - span);
        if (counted.length >= limits.maxCalls) {
          const settled = counted.flatMap((c) => (c.settledAt === undefined ? [] : [c.settledAt]));
          // All still in flight: the next one to settle calls pump again.
          if (settled.length === 0) break;
          await sleep(Math.max(1, Math.min(...settled) + span - at));
          continue;
        }
        const entry: Counted = {};
        counted.push(entry);
        inFlight += 1;
        waiting.shift()?.(entry);
      }
    } finally {
      pumping = false;
    }
  }

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      const entry = await new Promise<Counted>((resolve) => {
        waiting.push(resolve);
        void pump();
      });
      try {
        return await task();
      } finally {
        entry.settledAt = now();
        inFlight -= 1;
        void pump();
      }
    },
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
  };
}
