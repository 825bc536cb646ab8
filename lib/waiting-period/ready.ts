import { remainingMs } from '../domain/waiting-period.ts';

/** How long after the wait the badge and the pages say "ready": long enough to be seen, short enough not to linger. */
export const READY_MARK_MS = 5 * 60 * 1000;

/** Whether the wait ended recently enough that the pages still say the org is ready. */
export const justReady = (readyAt: number, now: number): boolean =>
  remainingMs(readyAt, now) === 0 && now < readyAt + READY_MARK_MS;
