/**
 * Fuzzed input for the domain's parsers: whatever comes in, nothing throws,
 * what is accepted is in the documented shape (and parses again to itself),
 * and what is refused has a stable code and a message a person can read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConnectionFields } from '../../lib/domain/connection-fields.ts';
import { parseEmail } from '../../lib/domain/email.ts';
import { MAX_SEATS, MAX_TEAMS, teamsInUse, type InviteDraft } from '../../lib/domain/member.ts';
import { parseMunchkinId } from '../../lib/domain/munchkin.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { checkInvite, planInvites } from '../../lib/features/members/rules.ts';
import {
  anyValue,
  goodMunchkin,
  HOSTILE_VALUES,
  SPARSE_ARRAY,
  inviteRow,
  nearEmail,
  nearMunchkin,
  nearUrl,
  RUNS,
  memberList,
  text,
} from './arbitraries.ts';

/** A refusal a page can show: a code it translates, a message for the fallback. */
function expectReadable(problem: Problem, codePattern: RegExp, field?: string) {
  expect(problem.code).toMatch(codePattern);
  expect(problem.message.trim().length).toBeGreaterThan(10);
  if (field !== undefined) expect(problem.field).toBe(field);
}

function noThrow<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {
      cause: error,
    });
  }
}

describe('parseEmail, fuzzed', () => {
  const EMAIL_CODES = /^email-(missing|too-long|has-space|not-ascii|at-sign|shape)$/;

  it('never throws; accepts only a trimmed, lower-case, single-@ address that parses to itself; refusals are readable', () => {
    fc.assert(
      fc.property(fc.oneof(nearEmail, text, anyValue), (raw) => {
        const result = noThrow(() => parseEmail(raw));
        if (!result.ok) return expectReadable(result.problem, EMAIL_CODES, 'email');
        const email = result.value;
        expect(typeof raw).toBe('string');
        expect(email).toBe((raw as string).trim().toLowerCase());
        expect(email.length).toBeLessThanOrEqual(254);
        expect(email).not.toMatch(/\s/);
        expect(email.split('@')).toHaveLength(2);
        expect(email).not.toMatch(/[<>"\\]/);
        expect(parseEmail(email)).toEqual(result);
        expect(parseEmail(` ${email.toUpperCase()} `)).toEqual(parseEmail(email.toUpperCase()));
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts ordinary work addresses whatever their case and padding', () => {
    const word = fc.stringMatching(/^[a-z0-9]([a-z0-9._+'-]{0,20}[a-z0-9])?$/).filter((w) => !w.includes('..'));
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,15}[a-z0-9])?$/);
    fc.assert(
      fc.property(
        word,
        fc.array(label, { minLength: 2, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom('', ' ', '\t'),
        (local, labels, upper, pad) => {
          const email = `${local}@${labels.join('.')}`;
          const typed = `${pad}${upper ? email.toUpperCase() : email}${pad}`;
          expect(parseEmail(typed)).toEqual({ ok: true, value: email });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('parseMunchkinId, fuzzed', () => {
  const SHAPE = /^\d{3}-[A-Z]{3}-\d{3}$/;

  it('never throws; accepts only the 123-ABC-456 shape (idempotent); refusals are readable', () => {
    fc.assert(
      fc.property(fc.oneof(nearMunchkin, text, anyValue), (raw) => {
        const result = noThrow(() => parseMunchkinId(raw));
        if (!result.ok) return expectReadable(result.problem, /^munchkin-(missing|shape)$/, 'munchkinId');
        expect(result.value).toMatch(SHAPE);
        expect(parseMunchkinId(result.value)).toEqual(result);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every well-formed ID, upper-cased, whatever the padding', () => {
    fc.assert(
      fc.property(goodMunchkin, (raw) => {
        expect(parseMunchkinId(raw)).toEqual({ ok: true, value: raw.trim().toUpperCase() });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('parseConnectionFields, fuzzed', () => {
  const FIELDS = ['munchkinId', 'clientId', 'clientSecret', 'restBaseUrl', 'identityBaseUrl'];
  const secretMarker = fc.stringMatching(/^[A-Za-z0-9]{12,40}$/).map((s) => `Zq${s}`);
  const credential = fc.oneof(fc.constantFrom('1a2b-c3d4', ' padded-id ', 'with space', ''), text, anyValue);
  const fields = fc.record(
    {
      munchkinId: fc.oneof(nearMunchkin, anyValue),
      clientId: credential,
      restBaseUrl: fc.oneof(nearUrl, anyValue),
      identityBaseUrl: fc.oneof(nearUrl, anyValue),
    },
    { requiredKeys: ['munchkinId', 'clientId'] },
  );
  /** The secret as pasted: clean, padded, with an inner space or tab, or far too long. */
  const pasted = fc
    .tuple(secretMarker, fc.constantFrom('clean', 'padded', 'inner-space', 'inner-tab', 'long'))
    .map(([s, how]) => ({
      secret: s,
      raw:
        how === 'padded'
          ? `  ${s}\t`
          : how === 'inner-space'
            ? `${s.slice(0, 6)} ${s.slice(6)}`
            : how === 'inner-tab'
              ? `${s}\t${s}`
              : how === 'long'
                ? s.repeat(20)
                : s,
    }));

  it('never throws; every refusal names a field with a readable message; accepted fields are clean', () => {
    fc.assert(
      fc.property(
        fields,
        fc.oneof(
          credential,
          pasted.map((p) => p.raw),
        ),
        (input, clientSecret) => {
          const result = noThrow(() => parseConnectionFields({ ...input, clientSecret }));
          if (!result.ok) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const problem of result.problems) {
              expectReadable(problem, /^[a-zA-Z]+-[a-z-]+$/);
              expect(FIELDS).toContain(problem.field);
            }
            return;
          }
          const v = result.value;
          expect(v.munchkinId).toMatch(/^\d{3}-[A-Z]{3}-\d{3}$/);
          for (const credentialValue of [v.clientId, v.clientSecret]) {
            expect(credentialValue.length).toBeGreaterThan(0);
            expect(credentialValue.length).toBeLessThanOrEqual(200);
            expect(credentialValue).not.toMatch(/\s/);
          }
          for (const url of [v.restBaseUrl, v.identityBaseUrl]) {
            if (url === undefined) continue;
            const parsed = new URL(url);
            expect(['https:', 'http:']).toContain(parsed.protocol);
            if (parsed.protocol === 'http:') expect(['127.0.0.1', 'localhost']).toContain(parsed.hostname);
            expect(parsed.username + parsed.password + parsed.search + parsed.hash).toBe('');
            expect(url.endsWith('/')).toBe(false);
          }
          expect(parseConnectionFields(v)).toEqual(result);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never echoes the client secret in a refusal, however it was pasted', () => {
    fc.assert(
      fc.property(fields, pasted, (input, { secret, raw }) => {
        const result = parseConnectionFields({ ...input, clientSecret: raw });
        if (!result.ok) expect(JSON.stringify(result.problems)).not.toContain(secret.slice(0, 10));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('checkInvite and planInvites, fuzzed', () => {
  const INVITE_CODES =
    /^(name-missing|name-too-long|name-invisible-characters|name-mixed-scripts|email-[a-z-]+|role-unknown|teams-shape|team-name-too-long|seats-full|teams-full)$/;

  function expectCleanDraft(draft: InviteDraft) {
    expect(draft.name).toBe(draft.name.trim());
    expect(draft.name.length).toBeGreaterThan(0);
    expect(draft.name.length).toBeLessThanOrEqual(100);
    expect(draft.name).not.toMatch(/\s{2}/);
    expect(parseEmail(draft.email)).toEqual({ ok: true, value: draft.email });
    expect(['admin', 'user']).toContain(draft.role);
    expect(draft.teams.length).toBeGreaterThan(0);
    for (const t of draft.teams) {
      expect(t).toBe(t.trim());
      expect(t.length).toBeGreaterThan(0);
      expect(t.length).toBeLessThanOrEqual(50);
    }
    expect(new Set(draft.teams.map((t) => t.toLowerCase())).size).toBe(draft.teams.length);
  }

  it('checkInvite never throws; a refusal lists readable problems; an accepted draft is clean and fits the org', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          inviteRow,
          anyValue.map((v) => ({ name: v, email: v, role: v, teams: v })),
        ),
        memberList(),
        (row, members) => {
          const result = noThrow(() => checkInvite(row, members));
          if (!result.ok) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const p of result.problems) expectReadable(p, INVITE_CODES);
            return;
          }
          expectCleanDraft(result.value);
          expect(members.length).toBeLessThan(MAX_SEATS);
          expect(members.map((m) => m.email)).not.toContain(result.value.email);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('planInvites never overfills the seats or the teams, never invites one email twice, and agrees with checkInvite on the first row', () => {
    fc.assert(
      fc.property(fc.array(inviteRow, { maxLength: 30 }), memberList(), (rows, members) => {
        const plan = noThrow(() => planInvites(rows, members));
        expect(plan.map((p) => p.row)).toEqual(rows.map((_r, i) => i));
        const drafts: InviteDraft[] = [];
        for (const entry of plan) {
          if (entry.outcome === 'reject') {
            expect(entry.problems.length).toBeGreaterThan(0);
            for (const p of entry.problems) expectReadable(p, INVITE_CODES);
          } else {
            expectCleanDraft(entry.draft);
            drafts.push(entry.draft);
          }
        }
        expect(members.length + drafts.length).toBeLessThanOrEqual(Math.max(MAX_SEATS, members.length));
        const emails = [...members.map((m) => m.email), ...drafts.map((d) => d.email)];
        expect(new Set(emails).size).toBe(emails.length);
        expect(teamsInUse([...members, ...drafts]).size).toBeLessThanOrEqual(MAX_TEAMS);
        if (rows.length > 0) {
          const first = checkInvite(rows[0]!, members);
          const entry = plan[0]!;
          expect(
            entry.outcome === 'invite' ? { ok: true, value: entry.draft } : { ok: false, problems: entry.problems },
          ).toEqual(first);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a full org refuses every row with seats-full', () => {
    fc.assert(
      fc.property(fc.array(inviteRow, { minLength: 1, maxLength: 5 }), (rows) => {
        const members = Array.from({ length: MAX_SEATS }, (_v, i) => ({
          id: `m${i}`,
          name: `M ${i}`,
          email: `m${i}@example.com`,
          role: 'user' as const,
          teams: ['Everyone'],
          status: 'invited' as const,
          invitedAt: 1,
        }));
        for (const entry of planInvites(rows, members)) {
          expect(entry.outcome).toBe('reject');
          if (entry.outcome === 'reject') expect(entry.problems.map((p) => p.code)).toContain('seats-full');
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('values with no usable toString (JSON can carry { "toString": false }), and a sparse array', () => {
  const parsers: [string, (value: unknown) => unknown][] = [
    ['parseEmail', (v) => parseEmail(v)],
    ['parseMunchkinId', (v) => parseMunchkinId(v)],
    [
      'parseConnectionFields',
      (v) => parseConnectionFields({ munchkinId: v, clientId: v, clientSecret: v, restBaseUrl: v, identityBaseUrl: v }),
    ],
    ['checkInvite, in every field', (v) => checkInvite({ name: v, email: v, role: v, teams: v }, [])],
    ['checkInvite, in the role only', (v) => checkInvite({ name: 'Ana', email: 'ana@example.com', role: v }, [])],
    ['planInvites', (v) => planInvites([{ name: 'Ana', email: 'ana@example.com', role: v, teams: v }], [])],
  ];

  it('every parser refuses them instead of throwing', () => {
    const thrown: string[] = [];
    for (const [name, parse] of parsers) {
      for (const value of [...HOSTILE_VALUES, SPARSE_ARRAY]) {
        try {
          parse(value);
        } catch (error) {
          const shown = value === SPARSE_ARRAY ? '[ <hole>, "EMEA" ]' : JSON.stringify(value);
          thrown.push(
            `${name} with ${shown}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
          );
        }
      }
    }
    expect(thrown).toEqual([]);
  });
});
