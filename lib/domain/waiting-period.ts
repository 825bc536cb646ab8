/**
 * Adobe: "wait ten minutes after connecting SIA to Marketo" before granting
 * access. The docs give no reason, so we treat it as a hard gate.
 */
export const WAITING_PERIOD_MS = 10 * 60 * 1000;

export const readyAtFor = (connectedAt: number): number => connectedAt + WAITING_PERIOD_MS;

export const remainingMs = (readyAt: number, now: number): number => Math.max(0, readyAt - now);

export const isWaiting = (readyAt: number, now: number): boolean => remainingMs(readyAt, now) > 0;

/** Badge text: whole minutes left, rounded up (`10m` … `1m`); empty once the period is over. */
export function badgeText(readyAt: number, now: number): string {
  const left = remainingMs(readyAt, now);
  return left === 0 ? '' : `${Math.ceil(left / 60_000)}m`;
}

/** `mm:ss` left, rounded up to the second, for the pages' live countdown. */
export function formatRemaining(readyAt: number, now: number): string {
  const seconds = Math.ceil(remainingMs(readyAt, now) / 1000);
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}
