/**
 * When Marketo's refusals clear (DOMAIN: Marketo's limits). The daily quota
 * (607) resets at 12:00 AM US Central time; the rate limit (606) counts calls
 * over a sliding 20 seconds; the concurrency limit (615) clears as calls end.
 * Time zones come from Intl (the IANA database the browser or Node ships), so
 * Central daylight saving time is never computed by hand.
 */
const CENTRAL = 'America/Chicago';
export const RATE_WINDOW_MS = 20_000;

const parts = (at: number, timeZone: string) => {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(fields.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
};

/** How far a zone's wall clock is ahead of UTC at an instant, in ms (negative west of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  const p = parts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant of the next 12:00 AM in US Central time strictly after `now`: when a used-up daily quota is back. */
export function nextQuotaReset(now: number): number {
  const today = parts(now, CENTRAL);
  // Midnight of the next Central calendar day, as a wall-clock time, then placed with that day's own offset.
  const wall = Date.UTC(today.year, today.month - 1, today.day + 1);
  let at = wall - offsetAt(wall, CENTRAL);
  // Once more with the offset at that answer itself: the same for Chicago, whose clocks move at 2 AM, never between
  // the evening the first guess falls on and midnight; kept so the placing does not rest on that.
  at = wall - offsetAt(at, CENTRAL);
  return at;
}

/** When a rate-limited (606) call may succeed again: the calls counted now leave the 20-second window by then. */
export const rateLimitClears = (now: number): number => now + RATE_WINDOW_MS;
