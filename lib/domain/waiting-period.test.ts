import { describe, expect, it } from 'vitest';
import { badgeText, formatRemaining, isWaiting, readyAtFor, WAITING_PERIOD_MS } from './waiting-period.ts';

const connectedAt = 1_800_000_000_000;
const readyAt = readyAtFor(connectedAt);
const after = (ms: number) => connectedAt + ms;

describe('waiting period', () => {
  it('ends ten minutes after the org connection', () => {
    expect(readyAt - connectedAt).toBe(10 * 60 * 1000);
    expect(WAITING_PERIOD_MS).toBe(600_000);
  });

  it.each([
    [0, true, '10m', '10:00'],
    [1, true, '10m', '10:00'],
    [59_999, true, '10m', '09:01'],
    [60_000, true, '9m', '09:00'],
    [8 * 60_000 + 30_000, true, '2m', '01:30'],
    [9 * 60_000, true, '1m', '01:00'],
    [10 * 60_000 - 1, true, '1m', '00:01'],
    [10 * 60_000, false, '', '00:00'],
    [60 * 60_000, false, '', '00:00'],
  ])('%i ms after connecting: waiting=%s badge=%j clock=%s', (elapsed, waiting, badge, clock) => {
    expect(isWaiting(readyAt, after(elapsed))).toBe(waiting);
    expect(badgeText(readyAt, after(elapsed))).toBe(badge);
    expect(formatRemaining(readyAt, after(elapsed))).toBe(clock);
  });
});
