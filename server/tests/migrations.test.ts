import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { connect, type Db } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { kyselyOrgStore } from '../store/org-store.ts';
import { adminQuery } from '../testing/postgres-cluster.ts';
import { seedOrg } from '../testing/seed.ts';

const names = Object.keys(MIGRATIONS);
let database: Db;

beforeAll(async () => {
  // An empty database (not the migrated template): the migrations run here one by one.
  const base = process.env.MARKETO_ACCESS_TEST_PG!;
  const name = `m_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(base, `CREATE DATABASE ${name}`);
  database = connect(base.replace(/\/[^/]*$/, `/${name}`));
});
afterAll(() => database.close());

const tables = async () =>
  (
    await sql<{
      tablename: string;
    }>`select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(database.db)
  ).rows.map((r) => r.tablename);

describe('migrations, each up from the previous version with data', () => {
  it('are numbered in order', () => {
    expect(names).toEqual([...names].sort());
    // Each number once, rising (0005 and 0006 are issue 17's memberships and SCIM, made beside 0007).
    const numbers = names.map((name) => Number(name.slice(0, 4)));
    numbers.forEach((n, i) => expect(n).toBe(i === 0 ? 1 : Math.max(numbers[i - 1]! + 1, n)));
    expect(numbers.slice(0, 4)).toEqual([1, 2, 3, 4]);
  });

  it('0001 makes the org tables', async () => {
    await migrate(database.db, '0001_org_tables');
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'activity',
        'grants',
        'idempotency',
        'members',
        'org_connection',
        'org_secret',
        'orgs',
        'owner_claims',
      ]),
    );
    expect(await tables()).not.toContain('user');
  });

  it('0002 adds the auth tables and keeps the org data written at 0001', async () => {
    const orgId = await seedOrg(database.db, {
      members: [
        aMember({ id: 'ann', email: 'ann@example.com', role: 'admin', status: 'active' }),
        aMember({ id: 'bob', email: 'bob@example.com', teams: ['Sales'] }),
      ],
      org: { status: 'connected', connection: anOrg({ ownerId: 'ann' }) },
      sealed: { v: 1, alg: 'A256GCM', iv: 'aQ==', tag: 'dA==', data: 'ZA==' },
    });
    const store = kyselyOrgStore(database.db, orgId);
    await store.grants.add(['bob'], { workspaceIds: [2], grantedAt: 1, grantedBy: 'ann' });
    await store.activity.add({ at: 1, actorId: 'ann', kind: 'access-granted', memberIds: ['bob'] });
    const before = {
      members: await store.members.all(),
      grants: await store.grants.all(),
      org: await store.org.get(),
      secret: await store.secret.get(),
      activity: await store.activity.all(),
    };

    await migrate(database.db, '0002_auth_tables');
    expect(await tables()).toEqual(
      expect.arrayContaining(['user', 'session', 'account', 'verification', 'passkey', 'rateLimit']),
    );
    const after = {
      members: await store.members.all(),
      grants: await store.grants.all(),
      org: await store.org.get(),
      secret: await store.secret.get(),
      activity: await store.activity.all(),
    };
    expect(after).toEqual(before);
  });

  it('0003 binds each session to the member its email named, ends the others, and sessions go with their member', async () => {
    const orgId = (await database.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
    await sql`insert into "user" (id, name, email, "emailVerified", "updatedAt") values
      ('u-ann', 'Ann', 'Ann@Example.com', true, now()), ('u-gone', 'Gone', 'gone@example.com', true, now())`.execute(
      database.db,
    );
    await sql`insert into "session" (id, "expiresAt", token, "updatedAt", "userId") values
      ('s-ann', now() + interval '1 day', 't-ann', now(), 'u-ann'),
      ('s-gone', now() + interval '1 day', 't-gone', now(), 'u-gone')`.execute(database.db);

    await migrate(database.db, '0003_session_membership');
    const sessions = await sql<{
      id: string;
      orgId: string;
      memberId: string;
    }>`select id, "orgId", "memberId" from "session" order by id`.execute(database.db);
    expect(sessions.rows).toEqual([{ id: 's-ann', orgId, memberId: 'ann' }]);
    expect(await tables()).toContain('code_requests');
    // A session cannot name a membership that does not exist, and goes when its member goes.
    await expect(
      sql`insert into "session" (id, "expiresAt", token, "updatedAt", "userId", "orgId", "memberId")
        values ('s-x', now(), 't-x', now(), 'u-ann', ${orgId}, 'nobody')`.execute(database.db),
    ).rejects.toThrow(/session_membership/);
    await sql`delete from members where org_id = ${orgId} and id = 'ann'`.execute(database.db);
    expect((await sql`select id from "session"`.execute(database.db)).rows).toEqual([]);
  });

  it('0004 lets activity lines keep names, and keeps the lines written before (read as before, without names)', async () => {
    const orgId = (await database.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
    const store = kyselyOrgStore(database.db, orgId);
    const before = await store.activity.all();
    expect(before.map((e) => [e.kind, e.memberId])).toEqual([['access-granted', 'bob']]);

    await migrate(database.db, '0004_activity_people');
    expect(await store.activity.all()).toEqual(before);
    const people = { bob: { name: 'Bob', email: 'bob@example.com' } };
    await store.activity.add({ at: 2, actorId: 'ann', kind: 'access-removed', memberIds: ['bob'], people });
    expect((await store.activity.all())[0]).toMatchObject({ kind: 'access-removed', memberId: 'bob', people });
  });

  it('0007 adds single sign-on: every org keeps its data and emailed codes and passkeys; a provider is whole or absent', async () => {
    const orgId = (await database.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
    const counted = async () =>
      (
        await sql<
          Record<string, string>
        >`select (select count(*) from orgs) as orgs, (select count(*) from members) as members,
          (select count(*) from grants) as grants, (select count(*) from activity) as activity,
          (select count(*) from org_secret) as secrets, (select count(*) from "session") as sessions`.execute(
          database.db,
        )
      ).rows[0];
    const before = await counted();
    await migrate(database.db, '0007_org_identity');
    expect(await counted()).toEqual(before);
    const identity = kyselyOrgStore(database.db, orgId).identity!;
    expect(await identity.get()).toEqual({ policy: 'codes-and-passkeys' });
    await identity.putProvider(
      { name: 'Okta', issuer: 'https://acme.okta.com', clientId: 'c', domains: ['acme.com'], updatedAt: 5 },
      { v: 1, alg: 'A256GCM', iv: 'aQ==', tag: 'dA==', data: 'ZA==' },
    );
    await identity.setPolicy('codes-and-passkeys', 'ann');
    expect(await identity.get()).toMatchObject({
      provider: { name: 'Okta', domains: ['acme.com'] },
      policySetBy: 'ann',
    });
    // "Company sign-in only" without a provider, or half a provider, is refused by the table itself.
    await expect(
      sql`update org_identity set issuer = null where org_id = ${orgId}`.execute(database.db),
    ).rejects.toThrow(/org_identity_provider_whole/);
    await identity.deleteProvider();
    await expect(identity.setPolicy('sso-only', 'ann')).rejects.toThrow(/org_identity_sso_only_has_provider/);
    expect(await identity.get()).toEqual({ policy: 'codes-and-passkeys', policySetBy: 'ann' });
  });

  it('the latest is where the migrations end, and running again changes nothing', async () => {
    await migrate(database.db);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(names);
  });
});
