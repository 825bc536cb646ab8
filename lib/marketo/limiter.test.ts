// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createRateLimiter, MARKETO_LIMITS } from './limiter.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A fake clock whose sleep records how long was slept and moves time, after
 * letting work already under way finish (as it would, in far less than a
 * 20-second window).
 */
function fakeTime() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await tick();
      time += ms;
    },
    sleeps,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('rate limiter', () => {
  it('allows at most 100 calls per 20 s window (plus margin) and spaces the rest', async () => {
    const clock = fakeTime();
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep });
    const startedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 250 }, () =>
        limiter.run(async () => {
          startedAt.push(clock.now());
        }),
      ),
    );
    const span = MARKETO_LIMITS.windowMs + MARKETO_LIMITS.marginMs;
    expect(startedAt.filter((t) => t === 0)).toHaveLength(100);
    expect(startedAt.filter((t) => t === span)).toHaveLength(100);
    expect(startedAt.filter((t) => t === 2 * span)).toHaveLength(50);
    // No window of 20 s ever holds more than 100 starts.
    for (const t of startedAt)
      expect(startedAt.filter((s) => s > t - MARKETO_LIMITS.windowMs && s <= t).length).toBeLessThanOrEqual(100);
    expect(clock.sleeps).toEqual([span, span]);
  });

  it('keeps at most 10 calls in flight and starts queued ones in order as slots free up', async () => {
    const clock = fakeTime();
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep });
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const all = Array.from({ length: 15 }, (_, i) =>
      limiter.run(
        () =>
          new Promise<void>((resolve) => {
            started.push(i);
            releases.push(resolve);
          }),
      ),
    );
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limiter.inFlight).toBe(10);
    expect(limiter.queued).toBe(5);
    releases[3]!();
    releases[7]!();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const release of releases) release();
    await tick();
    for (const release of releases) release();
    await Promise.all(all);
    expect(limiter.inFlight).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  it('frees the slot when a task fails', async () => {
    const clock = fakeTime();
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep, limits: { maxInFlight: 1 } });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('keeps a call counted until a full window after it settles (Marketo counts it on arrival)', async () => {
    const clock = fakeTime();
    const limiter = createRateLimiter({
      now: clock.now,
      sleep: clock.sleep,
      limits: { maxCalls: 2, windowMs: 1000, marginMs: 0 },
    });
    let finishSlow = (): void => {};
    const slow = limiter.run(() => new Promise<void>((resolve) => (finishSlow = resolve)));
    await limiter.run(async () => undefined);
    const startedAt: number[] = [];
    const third = limiter.run(async () => void startedAt.push(clock.now()));
    await tick();
    // Window full, nothing settled long enough ago, the slow call still out:
    // waits for the quick call to leave the window (t=1000).
    expect(startedAt).toEqual([1000]);
    await third;
    const fourth = limiter.run(async () => void startedAt.push(clock.now()));
    await tick();
    // The slow call is still out, and the one that ran at t=1000 stays counted until t=2000.
    expect(startedAt).toEqual([1000, 2000]);
    clock.advance(5000);
    finishSlow();
    await Promise.all([slow, fourth]);
    const fifth = limiter.run(async () => void startedAt.push(clock.now()));
    await tick();
    // Settled at t=7000: counted until 8000; the t=2000 call has left.
    expect(startedAt).toEqual([1000, 2000, 7000]);
    await fifth;
  });

  it('counts calls, not time spent: slots reopen as the oldest call leaves the window', async () => {
    const clock = fakeTime();
    const limiter = createRateLimiter({
      now: clock.now,
      sleep: clock.sleep,
      limits: { maxCalls: 3, windowMs: 1000, marginMs: 0 },
    });
    const startedAt: number[] = [];
    const call = () => limiter.run(async () => void startedAt.push(clock.now()));
    await call();
    clock.advance(400);
    await call();
    clock.advance(400);
    await call();
    await call(); // window full: waits for the first (t=0) to leave at t=1000
    await call(); // then for the second (t=400) to leave at t=1400
    expect(startedAt).toEqual([0, 400, 800, 1000, 1400]);
  });
});
