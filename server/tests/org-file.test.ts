import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_ACTIVITY, type OrgFile } from '../../lib/features/org-file/file.ts';
import { aMember } from '../../tests/fixtures/domain.ts';
import { anOrgFile } from '../../tests/fixtures/org-file.ts';
import { hashToken, issueClaimIfEmpty } from '../claim/owner-claim.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { dumpOrg } from '../testing/dump.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

// Org A lives on one team server (its Marketo is a sandbox); B is a second, empty team server the org moves to.
let a: ContractBackend;
let b: TestServer;
beforeAll(async () => {
  a = await startContractBackend({ connected: true });
  b = await startTestServer();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const must = (answer: { body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }) => {
  if (!answer.body.ok) throw new Error(`${answer.body.error?.code}: ${answer.body.error?.message}`);
  return answer.body.value;
};

/** The fields of a file that hold member ids. */
const ID_FIELDS = new Set([
  'id',
  'invitedBy',
  'memberId',
  'memberIds',
  'grantedBy',
  'actorId',
  'ownerId',
  'handoverTo',
  'previousOwnerId',
  'disconnectedBy',
]);

/** The file with every id replaced by its order of first appearance, and without the export's own time. */
function withoutIdsAndExportTime(file: OrgFile, ids: readonly string[]): unknown {
  const names = new Map<string, string>();
  const named = (id: string) => {
    if (!names.has(id)) names.set(id, `id-${names.size}`);
    return names.get(id);
  };
  const rename = (value: unknown, key = ''): unknown => {
    if (typeof value === 'string' && ID_FIELDS.has(key) && ids.includes(value)) return named(value);
    if (Array.isArray(value)) return value.map((item) => rename(item, key));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, k)]));
    return value;
  };
  const { exportedAt: _at, ...rest } = file;
  return rename(rest);
}

/** Every id a file holds: its members', and any an activity line or grant names (people since removed). */
const idsOf = (file: OrgFile) =>
  [
    ...file.members.flatMap((m) => [m.id, m.invitedBy ?? '']),
    ...file.grants.flatMap((g) => [g.memberId, g.grantedBy]),
    ...file.activity.flatMap((l) => [l.actorId, l.memberId ?? '', ...(l.memberIds ?? [])]),
    ...(file.connection.status === 'connected' ? [file.connection.connection.ownerId] : []),
  ].filter(Boolean);

const importInto = (server: TestServer, body: unknown) =>
  callCommand(server.url, 'importOrg', body, { key: randomUUID() });

/** Every row of the server, as text: what a refused import must leave as it was. */
async function everything(server: TestServer) {
  const orgs = await server.db.selectFrom('orgs').select('id').orderBy('id').execute();
  return JSON.stringify({
    orgs: await Promise.all(orgs.map(({ id }) => dumpOrg(server.db, id))),
    claims: await server.db.selectFrom('owner_claims').selectAll().orderBy('token_hash').execute(),
  });
}

describe('moving an org: export, import into another team server, export again', () => {
  let exported: OrgFile;
  let ownerOnB: string;

  it('the owner exports the org, with its log and grants, never the client secret', async () => {
    const owner = a.callers.owner;
    must({
      body: await owner('inviteMembers', {
        rows: [
          { name: 'Nia New', email: 'nia@example.com', teams: ['EMEA'] },
          { name: 'Gus Gone', email: 'gus@example.com' },
        ],
      }),
    });
    const view = (await owner('getState', {})) as { ok: true; value: { members: { id: string; email: string }[] } };
    const idOf = (email: string) => view.value.members.find((m) => m.email === email)!.id;
    must({
      body: await owner('grantAccess', {
        memberIds: [idOf('rep@example.com'), idOf('nia@example.com')],
        workspaceIds: [2],
      }),
    });
    must({ body: await owner('removeMember', { memberId: idOf('gus@example.com') }) });

    // Only the owner: an admin is refused.
    expect(await a.callers.admin('exportOrg', {})).toMatchObject({ ok: false, error: { code: 'not-owner' } });
    exported = must({ body: await owner('exportOrg', {}) }) as OrgFile;
    expect(exported).toMatchObject({ format: 'marketo-access-org', version: 1, teams: ['EMEA', 'Everyone'] });
    expect(exported.members.map((m) => m.email).sort()).toEqual([
      'admin@example.com',
      'nia@example.com',
      'owner@example.com',
      'rep@example.com',
    ]);
    expect(exported.grants).toHaveLength(2);
    expect(exported.activity.map((l) => l.kind)).toEqual(
      expect.arrayContaining(['member-invited', 'access-granted', 'member-removed']),
    );
    const text = JSON.stringify(exported);
    expect(text).not.toContain(a.marketo.clientSecret);
    expect(text).not.toMatch(/secret/i);
  });

  it('a team server imports it with its owner link; the owner signs in there; exporting again gives the same file', async () => {
    const token = (await issueClaimIfEmpty(b.db, b.clock.now()))!;
    const imported = await importInto(b, { token, file: exported, orgName: 'Acme on B' });
    expect(imported.status).toBe(200);
    expect(imported.body.value.signInAs).toMatchObject({ email: 'owner@example.com', role: 'admin' });
    // The link is used: a second import with it is refused.
    expect((await importInto(b, { token, file: exported })).body.error.code).toBe('not-invited');

    ownerOnB = await b.signIn('owner@example.com');
    const again = must(await callCommand(b.url, 'exportOrg', {}, { token: ownerOnB })) as OrgFile;
    expect(again.org).toEqual({ name: 'Acme on B' });
    // The owner's sign-in on B is the one line B added since: the log goes on where A's stopped.
    const signedIn = again.activity.at(-1)!;
    expect(signedIn).toMatchObject({ kind: 'signed-in', at: b.clock.now() });
    expect(again.members.find((m) => m.id === signedIn.memberId)?.email).toBe('owner@example.com');
    const beforeSignIn = { ...again, activity: again.activity.slice(0, -1) };
    // Otherwise the same file apart from ids, the export's time, and the org's name chosen on B.
    const strip = (file: OrgFile) => ({ ...(withoutIdsAndExportTime(file, idsOf(file)) as object), org: undefined });
    expect(strip(beforeSignIn)).toEqual(strip(exported));
    // New ids on B, none of A's.
    const aIds = new Set(idsOf(exported));
    expect(again.members.some((m) => aIds.has(m.id))).toBe(false);
  });

  it('the moved org needs its secret: nothing is stored, Marketo is not asked until the owner enters it', async () => {
    const [org] = await b.db.selectFrom('orgs').select('id').execute();
    expect(await b.db.selectFrom('org_secret').selectAll().execute()).toEqual([]);
    expect(JSON.stringify(await dumpOrg(b.db, org!.id))).not.toContain(a.marketo.clientSecret);
    const state = must(await callCommand(b.url, 'getState', {}, { token: ownerOnB })) as {
      org: { connection: { needsSecret?: boolean } };
    };
    expect(state.org.connection.needsSecret).toBe(true);
    const refresh = await callCommand(b.url, 'refreshWorkspaces', {}, { token: ownerOnB });
    expect(refresh.body.error.code).toBe('secret-needed');
  });

  it('the owner enters the same connection again: the waiting period is not restarted, access can be granted at once', async () => {
    b.clock.advance(24 * 3_600_000);
    const connected = must(await callCommand(b.url, 'connectOrg', a.marketo, { token: ownerOnB })) as {
      connectedAt: number;
      readyAt: number;
      needsSecret?: boolean;
    };
    const before = exported.connection.status === 'connected' ? exported.connection.connection : undefined;
    expect({ connectedAt: connected.connectedAt, readyAt: connected.readyAt }).toEqual({
      connectedAt: before!.connectedAt,
      readyAt: before!.readyAt,
    });
    expect(connected.needsSecret).toBeUndefined();
    expect(await b.db.selectFrom('org_secret').selectAll().execute()).toHaveLength(1);
    const view = must(await callCommand(b.url, 'getState', {}, { token: ownerOnB })) as {
      members: { id: string; email: string }[];
    };
    const admin = view.members.find((m) => m.email === 'admin@example.com')!.id;
    const granted = must(
      await callCommand(b.url, 'grantAccess', { memberIds: [admin], workspaceIds: [] }, { token: ownerOnB }),
    ) as { granted: number };
    expect(granted.granted).toBe(1);
  });
});

describe('a file that cannot be imported changes nothing', () => {
  const TOKEN = 'a-printed-owner-link-token';
  beforeAll(async () => {
    await b.db
      .insertInto('owner_claims')
      .values({ token_hash: hashToken(TOKEN), created_at: b.clock.now() })
      .execute();
  });
  const fresh = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      aMember({ id: `m${i}`, email: `m${i}@fresh.example`, role: i === 0 ? 'admin' : 'user' }),
    );

  it.each<[string, () => unknown, number, string]>([
    [
      'a newer version',
      () => ({ token: TOKEN, file: { ...anOrgFile({ members: fresh(2), grants: [] }), version: 2 } }),
      409,
      'import-version-unknown',
    ],
    [
      'a client secret in the file',
      () => ({
        token: TOKEN,
        file: {
          ...anOrgFile({ members: fresh(2), grants: [], connection: { status: 'not-connected' } }),
          clientSecret: 'SECRET-IN-FILE',
        },
      }),
      409,
      'import-has-secret',
    ],
    [
      '101 members',
      () => ({
        token: TOKEN,
        file: anOrgFile({ members: fresh(101), grants: [], connection: { status: 'not-connected' } }),
      }),
      409,
      'seats-full',
    ],
    ['no file at all', () => ({ token: TOKEN }), 400, 'bad-input'],
    ['not an export', () => ({ token: TOKEN, file: [1, 2] }), 409, 'import-file-invalid'],
  ])('%s → %s', async (_case, body, status, code) => {
    const before = await everything(b);
    const answer = await importInto(b, body());
    expect([answer.status, answer.body.error.code]).toEqual([status, code]);
    expect(await everything(b)).toBe(before);
    expect(before).not.toContain('SECRET-IN-FILE');
  });

  it('a file refused for its missing Idempotency-Key leaves the connection usable for the next request', async () => {
    // Megabytes left unread would make Node close the kept-alive connection under the client's next request.
    const big = JSON.stringify({ token: TOKEN, file: { activity: 'x'.repeat(2 * 1024 * 1024) } });
    for (let round = 0; round < 5; round++) {
      const refused = await callCommand(b.url, 'importOrg', JSON.parse(big), { key: null });
      expect([refused.status, refused.body.error.field]).toEqual([400, 'Idempotency-Key']);
      expect((await callCommand(b.url, 'getState', {})).status).toBe(200);
    }
  });

  it('malformed JSON is refused before anything is read', async () => {
    const before = await everything(b);
    const answer = await httpRequest(`${b.url}/api/commands/importOrg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: '{"token": "a-printed-owner-link-token", "file": {',
    });
    expect([answer.status, JSON.parse(answer.text).error.code]).toEqual([400, 'bad-input']);
    expect(await everything(b)).toBe(before);
  });

  it('a full org with a full log fits in one import, and the link still works after the refusals', async () => {
    const members = fresh(100);
    const activity = Array.from({ length: MAX_FILE_ACTIVITY }, (_, i) => ({
      at: 1_000 + i,
      actorId: 'm0',
      kind: 'member-updated' as const,
      memberId: `m${i % 100}`,
      details: { role: 'user', teams: 'Everyone, Sales EMEA, Sales North America' },
    }));
    const file = anOrgFile({ members, grants: [], connection: { status: 'not-connected' }, activity });
    const started = performance.now();
    const answer = await importInto(b, { token: TOKEN, file, orgName: 'Big' });
    const ms = performance.now() - started;
    expect(answer.body).toMatchObject({ ok: true });
    console.log(
      `import of 100 members and ${MAX_FILE_ACTIVITY} activity lines (${JSON.stringify(file).length} bytes): ${ms.toFixed(0)} ms`,
    );
    const org = await b.db.selectFrom('orgs').select('id').where('name', '=', 'Big').executeTakeFirstOrThrow();
    const lines = await b.db
      .selectFrom('activity')
      .select(({ fn }) => fn.countAll().as('n'))
      .where('org_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(Number(lines.n)).toBe(MAX_FILE_ACTIVITY);
  });

  it('a file whose people are members of another org here is a new org of theirs (an email is unique within an org only)', async () => {
    const link = 'another-printed-owner-link-token';
    await b.db
      .insertInto('owner_claims')
      .values({ token_hash: hashToken(link), created_at: b.clock.now() })
      .execute();
    const answer = await importInto(b, { token: link, file: aFileOfBsPeople(), orgName: 'Second home' });
    expect(answer.body).toMatchObject({ ok: true });
    const homes = await b.db
      .selectFrom('members')
      .innerJoin('orgs', 'orgs.id', 'members.org_id')
      .select('orgs.name')
      .where('members.email', '=', 'owner@example.com')
      .execute();
    expect(homes.map((h) => h.name)).toContain('Second home');
    expect(homes.length).toBeGreaterThan(1);
  });
});

function aFileOfBsPeople(): OrgFile {
  // The moved org's own people: B holds them since the import above.
  return anOrgFile({
    members: [aMember({ id: 'x', email: 'owner@example.com', role: 'admin' })],
    grants: [],
    connection: { status: 'not-connected' },
  });
}
