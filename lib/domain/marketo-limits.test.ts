import { describe, expect, it } from 'vitest';
import { nextQuotaReset, rateLimitClears } from './marketo-limits.ts';

const utc = (iso: string) => Date.parse(iso);

describe('when the daily quota (607) comes back: 12:00 AM US Central time', () => {
  it.each([
    // Winter (CST, UTC-6): midnight in Chicago is 06:00 UTC.
    ['a January afternoon', '2027-01-15T20:00:00Z', '2027-01-16T06:00:00Z'],
    // Just after midnight in Chicago: the next reset is a whole day away.
    ['just after a January reset', '2027-01-15T06:00:01Z', '2027-01-16T06:00:00Z'],
    // Before midnight in Chicago but already the next day in UTC.
    ['a January evening in Chicago (next day in UTC)', '2027-01-16T03:00:00Z', '2027-01-16T06:00:00Z'],
    // Summer (CDT, UTC-5): midnight in Chicago is 05:00 UTC.
    ['a July morning', '2027-07-04T12:00:00Z', '2027-07-05T05:00:00Z'],
    // Daylight saving starts on 14 March 2027 at 2 AM: that midnight is still CST, the next one CDT.
    ['the day before DST starts', '2027-03-13T12:00:00Z', '2027-03-14T06:00:00Z'],
    ['the day DST starts', '2027-03-14T12:00:00Z', '2027-03-15T05:00:00Z'],
    // Daylight saving ends on 7 November 2027 at 2 AM.
    ['the day DST ends', '2027-11-07T12:00:00Z', '2027-11-08T06:00:00Z'],
    ['the day before DST ends', '2027-11-06T12:00:00Z', '2027-11-07T05:00:00Z'],
  ])('%s', (_, now, reset) => {
    expect(new Date(nextQuotaReset(utc(now))).toISOString()).toBe(new Date(utc(reset)).toISOString());
  });

  it('shown in the admin’s own zone: Paris in winter sees 7:00 AM', () => {
    const reset = nextQuotaReset(utc('2027-01-15T20:00:00Z'));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(reset)).toBe(
      '07:00',
    );
  });
});

describe('when a rate limit (606) clears', () => {
  it('20 seconds on: the calls counted now have left Marketo’s window', () => {
    expect(rateLimitClears(1_000)).toBe(21_000);
  });
});
