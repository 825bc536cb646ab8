import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { COMMANDS } from '../../lib/features/registry.ts';
import { MAX_BODY_BYTES } from '../app.ts';
import { dumpOrg } from '../testing/dump.ts';
import { httpRequest } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

// Hostile and broken requests, generated from a fixed seed: none may answer
// 5xx, change a row, or show one org's data to another.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const NAMES = Object.keys(COMMANDS);
// Every field name the commands' inputs have (all inputs are strict objects).
const FIELDS = [
  'previewAs',
  'name',
  'email',
  'rows',
  'memberId',
  'role',
  'teams',
  'memberIds',
  'workspaceIds',
  'munchkinId',
  'clientId',
  'clientSecret',
  'restBaseUrl',
  'identityBaseUrl',
];
// Org B's rows carry this marker: no answer to org A's callers may contain it.
const B_MARK = 'zqxbeta';

let t: TestServer;
let orgA: string;
let orgB: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  const now = t.clock.now();
  const connected = (ownerId: string) => ({
    status: 'connected' as const,
    connection: anOrg({ ownerId, connectedAt: now - 7 * 86_400_000 }),
  });
  const member = (id: string, email: string, role: 'admin' | 'user', name = id) =>
    aMember({ id, name, email, role, status: 'active', invitedAt: now - 86_400_000 });
  orgA = await seedOrg(
    t.db,
    {
      name: 'Alpha',
      members: [member('a-admin', 'a-admin@example.com', 'admin'), member('a-rep', 'a-rep@example.com', 'user')],
      org: connected('a-admin'),
    },
    now,
  );
  orgB = await seedOrg(
    t.db,
    {
      name: `Beta ${B_MARK}`,
      members: [
        member(`b-admin-${B_MARK}`, `b-admin-${B_MARK}@example.com`, 'admin', `Admin ${B_MARK}`),
        member(`b-rep-${B_MARK}`, `b-rep-${B_MARK}@example.com`, 'user', `Rep ${B_MARK}`),
      ],
      org: connected(`b-admin-${B_MARK}`),
    },
    now,
  );
  tokens.admin = await t.signIn('a-admin@example.com');
  tokens.rep = await t.signIn('a-rep@example.com');
  const gone = await t.signIn('a-rep@example.com');
  // Expired: the session row says so (better-auth checks expiresAt against the machine's clock).
  await t.db
    .updateTable('session' as never)
    .set({ expiresAt: new Date(Date.now() - 60_000) } as never)
    .where('token' as never, '=', gone.split('.')[0] as never)
    .execute();
  tokens.expired = gone;
  tokens.forged = `${tokens.admin.split('.')[0]!.slice(0, -4)}AAAA.${tokens.admin.split('.')[1] ?? ''}`;
  tokens.random = randomUUID().replaceAll('-', '');
  // Signing in logs activity: take the "before" picture after it.
});

afterAll(() => t?.close());

const snapshot = async () => ({
  a: await dumpOrg(t.db, orgA),
  b: await dumpOrg(t.db, orgB),
  claims: await t.db.selectFrom('owner_claims').selectAll().execute(),
});

const wrongValue = fc.oneof(
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);
// A body no command accepts: broken JSON, a non-object, a known field of the wrong type, an unknown field, or too large.
const badBody = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }).map((s) => `{${s}`) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
        fc.string({ minLength: 1 }),
      )
      .map((v) => JSON.stringify(v)),
  },
  {
    weight: 4,
    arbitrary: fc
      .dictionary(fc.constantFrom(...FIELDS), wrongValue, { minKeys: 1, maxKeys: 4 })
      .map((v) => JSON.stringify(v)),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 8 }))
      .map(([v, extra]) =>
        JSON.stringify({ ...(typeof v === 'object' && v && !Array.isArray(v) ? v : {}), [`x_${extra}`]: v }),
      ),
  },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ rows: 'x'.repeat(MAX_BODY_BYTES + 10) })) },
);
// Ids of org B in otherwise well-formed inputs, sent by org A's admin.
const crossOrg = fc.constantFrom(
  { name: 'getState', input: { previewAs: `b-rep-${B_MARK}` } },
  { name: 'getState', input: { previewAs: `b-admin-${B_MARK}` } },
  { name: 'removeMember', input: { memberId: `b-rep-${B_MARK}` } },
  { name: 'updateMember', input: { memberId: `b-rep-${B_MARK}`, role: 'admin' } },
  { name: 'grantAccess', input: { memberIds: [`b-rep-${B_MARK}`], workspaceIds: [1] } },
  { name: 'changeWorkspaces', input: { memberIds: [`b-rep-${B_MARK}`], workspaceIds: [2] } },
  { name: 'removeAccess', input: { memberIds: [`b-rep-${B_MARK}`, `b-admin-${B_MARK}`] } },
);

async function post(path: string, body: string, headers: Record<string, string>) {
  try {
    return await httpRequest(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  } catch (error) {
    // Only a too-large body may be cut off: the server answers 413 and closes before reading it all.
    if (body.length > MAX_BODY_BYTES)
      return { status: 413, headers: new Headers(), text: '{"ok":false,"error":{"code":"too-large"}}' };
    throw error;
  }
}

const auth = (kind: string): Record<string, string> => {
  if (kind === 'none') return {};
  if (kind === 'malformed') return { authorization: 'Bearer' };
  if (kind === 'basic') return { authorization: 'Basic YTpi' };
  return { authorization: `Bearer ${tokens[kind]}` };
};
const key = fc.oneof(fc.constant(undefined), fc.uuid(), fc.string({ maxLength: 40 }));

describe(`fuzzing the HTTP API (${RUNS} requests per route, seed ${SEED})`, () => {
  it('POST /api/commands/:name: no 5xx, no row changed, nothing of another org', { timeout: 120_000 }, async () => {
    const before = await snapshot();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom(...NAMES) },
          { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(encodeURIComponent) },
        ),
        // A signed-in caller of org A sends only bodies no command accepts; the others any body, even a valid one.
        fc.oneof(
          fc.tuple(fc.constantFrom('admin', 'rep'), badBody),
          fc.tuple(
            fc.constantFrom('none', 'expired', 'forged', 'random', 'malformed', 'basic'),
            fc.oneof(
              badBody,
              crossOrg.map((c) => JSON.stringify(c.input)),
              fc.constant(''),
            ),
          ),
        ),
        key,
        async (name, [caller, body], idempotencyKey) => {
          const headers = {
            ...auth(caller),
            ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
          };
          const answer = await post(`/api/commands/${name}`, body, headers);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          expect(answer.status, `${name} as ${caller}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
          expect(answer.text).not.toContain(B_MARK);
          if (caller !== 'admin' && caller !== 'rep' && answer.status === 200)
            expect(JSON.parse(answer.text).value?.member ?? undefined).toBeUndefined();
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    expect(await snapshot()).toEqual(before);
    console.log(`fuzz commands: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });

  it(
    "org A's admin naming org B's members: refused or skipped, nothing of B read or changed",
    { timeout: 60_000 },
    async () => {
      const before = await snapshot();
      await fc.assert(
        fc.asyncProperty(crossOrg, async ({ name, input }) => {
          const call = (body: unknown) =>
            post(`/api/commands/${name}`, JSON.stringify(body), { ...auth('admin'), 'idempotency-key': randomUUID() });
          const answer = await call(input);
          expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
          // Exactly the answer for ids that exist nowhere: org B's ids are only echoed back, nothing about them is told.
          const ghost = await call(JSON.parse(JSON.stringify(input).replaceAll(`-${B_MARK}`, '-ghost')));
          expect({ status: answer.status, text: answer.text.replaceAll(`-${B_MARK}`, '-ghost') }).toEqual({
            status: ghost.status,
            text: ghost.text,
          });
          const body = JSON.parse(answer.text);
          if (body.ok && 'granted' in body.value) expect(body.value.granted).toBe(0);
          if (body.ok && 'removed' in body.value) expect(body.value.removed).toEqual([]);
          if (body.ok && name === 'getState') expect(answer.text).not.toContain(B_MARK);
        }),
        { numRuns: Math.min(RUNS, 200), seed: SEED },
      );
      const after = await snapshot();
      expect(after.b).toEqual(before.b);
      expect(after.claims).toEqual(before.claims);
      // Org A: an accepted no-op may move its version and store its answer, but no member, grant or connection changes.
      expect({ members: after.a.members, grants: after.a.grants, connection: after.a.connection }).toEqual({
        members: before.a.members,
        grants: before.a.grants,
        connection: before.a.connection,
      });
    },
  );

  it(
    'GET /api/session and /api/changes, POST /api/claim and the sign-in routes: no 5xx, no row changed',
    { timeout: 120_000 },
    async () => {
      const before = await snapshot();
      const perRoute = RUNS;
      const statuses = new Map<string, number>();
      const count = (route: string, status: number) =>
        statuses.set(`${route} ${status}`, (statuses.get(`${route} ${status}`) ?? 0) + 1);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('session', 'changes'),
          fc.constantFrom('none', 'expired', 'forged', 'random', 'malformed', 'basic'),
          async (route, caller) => {
            const answer = await httpRequest(`${t.url}/api/${route}`, { headers: auth(caller) });
            count(route, answer.status);
            expect(answer.status).toBe(401);
          },
        ),
        { numRuns: 2 * perRoute, seed: SEED },
      );
      const claimBody = fc.oneof(
        badBody,
        fc
          .record({ token: fc.string(), orgName: fc.string(), name: fc.string(), email: fc.emailAddress() })
          .map((v) => JSON.stringify(v)),
      );
      await fc.assert(
        fc.asyncProperty(claimBody, async (body) => {
          const answer = await post('/api/claim', body, {});
          count('claim', answer.status);
          expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
          expect(answer.status).not.toBe(200);
        }),
        { numRuns: perRoute, seed: SEED },
      );
      const signInBody = fc.oneof(
        badBody,
        fc
          .record({
            email: fc.oneof(fc.emailAddress(), fc.constant('a-admin@example.com')),
            otp: fc.string({ maxLength: 8 }),
          })
          .map((v) => JSON.stringify(v)),
      );
      await fc.assert(
        fc.asyncProperty(signInBody, async (body) => {
          const answer = await post('/api/auth/sign-in/email-otp', body, {});
          count('sign-in', answer.status);
          expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
          expect(answer.headers.get('set-auth-token')).toBeNull();
        }),
        { numRuns: perRoute, seed: SEED },
      );
      expect(await snapshot()).toEqual(before);
      console.log(
        `fuzz other routes: ${perRoute} requests each, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    },
  );
});
