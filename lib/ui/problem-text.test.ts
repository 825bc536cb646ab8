import { describe, expect, it } from 'vitest';
import { marketoCodeError, networkError, timeoutError } from '../marketo/errors.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { problemDetails, problemText } from './problem-text.ts';
import type { ProblemCode } from '../domain/problems.ts';
import type { Problem } from '../domain/result.ts';

// Every code the Marketo client produces that can reach a page (lib/marketo/errors.ts).
const MARKETO_CODES = ['601', '602', '603', '604', '606', '607', '608', '611', '614', '615', '1008'];
const CLIENT_CODES = [
  'bad-credentials',
  'bad-config',
  'network',
  'timeout',
  'http-5xx',
  'http-429',
  'http-status',
  'bad-response',
];

// The channel's own refusals (lib/messaging), which a page out of step with the worker may meet.
const CHANNEL_CODES = ['bad-input', 'bad-message', 'unknown-command', 'forbidden-sender'];

describe('problemText', () => {
  it.each([...MARKETO_CODES, ...CLIENT_CODES, ...CHANNEL_CODES])(
    '%s reads in French in the French pages, and differs from the English',
    (code) => {
      const problem: Problem = { code: code as ProblemCode, message: 'English fallback from the worker' };
      const english = problemText(problem);
      useLocale('fr');
      const french = problemText(problem);
      expect(english).not.toBe(problem.message);
      expect(french).not.toBe(problem.message);
      expect(french).not.toBe(english);
    },
  );

  it('names the code of a Marketo refusal it has no words for, in the page’s language', () => {
    useLocale('fr');
    expect(problemText({ code: '709', message: 'Marketo refused the request (code 709: Blocked).' })).toBe(
      'Marketo a refusé la requête (code 709).',
    );
  });

  it('translates what the Marketo client actually produces', () => {
    const context = { api: 'rest' as const, secrets: [] };
    useLocale('fr');
    expect(problemText(marketoCodeError('606', 'Max rate limit exceeded', context))).toMatch(
      /^Trop d’appels à l’API Marketo/,
    );
    expect(problemText(networkError('x.mktorest.com'))).toMatch(/^Impossible de joindre Marketo/);
    expect(problemText(timeoutError('x.mktorest.com', 10_000))).toMatch(/^Marketo n’a pas répondu à temps/);
  });
});

describe('Marketo’s limits in words, with the time they clear in the reader’s own zone', () => {
  const withZone = (zone: string, run: () => void) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      run();
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  };
  // A Friday, 3 PM in Chicago (CST): the quota comes back at midnight Chicago, 7 AM in Paris the next day.
  const NOW = Date.parse('2027-01-15T21:00:00Z');

  it('607: resets at 12:00 AM US Central time, said as the Paris admin’s own Saturday 7:00 AM', () => {
    withZone('Europe/Paris', () => {
      expect(problemText({ code: '607', message: '' }, NOW)).toBe(
        'Marketo’s daily API quota is used up (607). It resets at 12:00 AM US Central time, which is Saturday, 7:00 AM GMT+1 for you; until then Marketo refuses every call.',
      );
      useLocale('fr');
      expect(problemText({ code: '607', message: '' }, NOW)).toContain('soit samedi 07:00 UTC+1 pour vous');
    });
  });

  it('607 for an admin in Chicago itself: midnight, their time', () => {
    withZone('America/Chicago', () => {
      expect(problemText({ code: '607', message: '' }, NOW)).toContain('which is Saturday, 12:00 AM CST for you');
    });
  });

  it('606 and 615: when the 20-second window has passed', () => {
    withZone('UTC', () => {
      expect(problemText({ code: '606', message: '' }, NOW)).toContain('This clears by Friday, 9:00:20 PM UTC');
      expect(problemText({ code: '615', message: '' }, NOW)).toContain('by Friday, 9:00:20 PM UTC at the latest');
    });
  });

  it('603: both causes, each with what to check in Marketo Admin', () => {
    expect(problemText({ code: '603', message: '' })).toMatch(/two possible causes/);
    expect(problemDetails({ code: '603', message: '' })).toEqual([
      expect.stringMatching(/“Access Users”.*“Access User Management Api”/),
      expect.stringMatching(/Admin > Web Services > IP Restrictions/),
    ]);
  });
});
