import { describe, expect, it } from 'vitest';
import { marketoCodeError, networkError, timeoutError } from '../marketo/errors.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { problemText } from './problem-text.ts';
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
