import type { SandboxClock } from './clock.ts';

/**
 * Marketo's documented limits, per instance: 100 calls in any 20 seconds
 * (606), 10 calls at once (615), a daily quota that resets at midnight US
 * Central time (607). Refused calls count toward none of them, as Marketo
 * documents for error responses.
 */
export interface SandboxLimits {
  maxCalls: number;
  windowMs: number;
  maxConcurrent: number;
}

export const MARKETO_LIMITS: SandboxLimits = { maxCalls: 100, windowMs: 20_000, maxConcurrent: 10 };

export interface LimitStats {
  calls: number;
  peakConcurrent: number;
  /** The most calls ever inside one window: at most maxCalls if the server is right. */
  peakWindowCalls: number;
}

export interface LimitGate {
  /** Admits a call (it then counts until `finish`), or names the code refusing it. */
  admit(): '606' | '607' | '615' | undefined;
  finish(): void;
  readonly concurrent: number;
  /** Calls counted today. */
  today(): number;
  /** Today's date in Chicago, YYYY-MM-DD. */
  dayKey(): string;
  stats(): LimitStats;
  reset(): void;
}

// en-CA formats dates as YYYY-MM-DD.
const chicagoDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Chicago',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function createLimitGate(clock: SandboxClock, limits: SandboxLimits, dailyQuota: () => number): LimitGate {
  let starts: number[] = [];
  let concurrent = 0;
  let day = '';
  let dayCount = 0;
  let stats: LimitStats = { calls: 0, peakConcurrent: 0, peakWindowCalls: 0 };

  const dayKey = (): string => chicagoDay.format(new Date(clock.now()));

  function rollDay(): void {
    const key = dayKey();
    if (key !== day) {
      day = key;
      dayCount = 0;
    }
  }

  return {
    admit() {
      const at = clock.now();
      // A call at exactly `at - windowMs` has left the window.
      starts = starts.filter((s) => s > at - limits.windowMs);
      rollDay();
      if (concurrent >= limits.maxConcurrent) return '615';
      if (starts.length >= limits.maxCalls) return '606';
      if (dayCount >= dailyQuota()) return '607';
      starts.push(at);
      dayCount += 1;
      concurrent += 1;
      stats.calls += 1;
      stats.peakConcurrent = Math.max(stats.peakConcurrent, concurrent);
      stats.peakWindowCalls = Math.max(stats.peakWindowCalls, starts.length);
      return undefined;
    },
    finish() {
      concurrent = Math.max(0, concurrent - 1);
    },
    get concurrent() {
      return concurrent;
    },
    today() {
      rollDay();
      return dayCount;
    },
    dayKey,
    stats: () => ({ ...stats }),
    reset() {
      starts = [];
      dayCount = 0;
      stats = { calls: 0, peakConcurrent: 0, peakWindowCalls: 0 };
    },
  };
}
