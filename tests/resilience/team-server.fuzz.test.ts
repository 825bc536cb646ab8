import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../lib/backend/team-server/shared/answer.ts';
import { RESULT_SCHEMAS } from '../../lib/backend/team-server/shared/results.ts';
import { createSseParser } from '../../lib/backend/team-server/page/sse.ts';
import { parseClaimLink, parseServerUrl } from '../../lib/backend/server-url.ts';
import { parseOrgLocation } from '../../lib/backend/settings.ts';

const statuses = fc.constantFrom(200, 201, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503);

describe('the team server’s answers, fuzzed', () => {
  it('never throw, and are trusted only when they are our envelope with a value of the right shape', () => {
    fc.assert(
      fc.property(statuses, fc.jsonValue(), (status, body) => {
        const result = readAnswer(status, body, RESULT_SCHEMAS.getState);
        if (result.ok) {
          expect(status).toBeGreaterThanOrEqual(200);
          expect((body as { ok?: unknown }).ok).toBe(true);
        } else {
          expect(typeof result.problem.message).toBe('string');
          expect(result.problem.message.length).toBeGreaterThan(0);
          expect(result.problem.code).toMatch(/^[A-Za-z0-9-]{1,60}$/);
        }
      }),
    );
  });

  it('a refusal with any code or message keeps to a short code of letters, digits and dashes', () => {
    fc.assert(
      fc.property(statuses, fc.string(), fc.string(), (status, code, message) => {
        const result = readAnswer(status, { ok: false, error: { code, message } }, RESULT_SCHEMAS.removeMember);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.problem.code).toMatch(/^[A-Za-z0-9-]{1,60}$/);
      }),
    );
  });
});

describe('the change feed’s stream, fuzzed', () => {
  const event = fc.record({ event: fc.constantFrom('org-changed', 'other'), data: fc.stringMatching(/^[^\r\n]*$/) });
  it('gives the same events however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 8 }),
        fc.array(fc.nat(40), { maxLength: 10 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (events, cuts, eol) => {
          const text = events.map((e) => `: beat${eol}event: ${e.event}${eol}data: ${e.data}${eol}${eol}`).join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parse = createSseParser();
          const got = [];
          let from = 0;
          for (const to of [...points, text.length]) {
            got.push(...parse(text.slice(from, to)));
            from = to;
          }
          expect(got).toEqual(events);
        },
      ),
    );
  });
});

describe('addresses and stored choices, fuzzed', () => {
  it('an accepted server address is https or loopback http, with no credentials, query or fragment', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (raw) => {
        const parsed = parseServerUrl(raw);
        if (!parsed.ok) return;
        const url = new URL(parsed.value);
        expect(url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)).toBe(true);
        expect(url.username + url.password + url.search + url.hash).toBe('');
        expect(parsed.value.endsWith('/')).toBe(false);
      }),
    );
  });

  it('claim links and stored locations never throw', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (stored, link) => {
        parseOrgLocation(stored);
        parseClaimLink(link);
      }),
    );
  });
});
