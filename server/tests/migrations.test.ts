import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { connect, type Db } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { kyselyOrgStore } from '../store/org-store.ts';
import { memberRow } from '../store/rows.ts';
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
    names.forEach((name, i) => expect(name.startsWith(String(i + 1).padStart(4, '0') + '_')).toBe(true));
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

  it('0005 lets one email be a member of several orgs (unique within an org), and keeps every org, member, grant, passkey and session', async () => {
    const orgA = (await database.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
    const orgB = await seedOrg(database.db, {
      name: 'Bravo',
      members: [
        aMember({ id: 'bea', email: 'bea@example.com', role: 'admin', status: 'active' }),
        aMember({ id: 'cal', email: 'cal@example.com', status: 'active' }),
      ],
    });
    await kyselyOrgStore(database.db, orgB).grants.add(['cal'], { workspaceIds: [], grantedAt: 1, grantedBy: 'bea' });
    await sql`insert into "user" (id, name, email, "emailVerified", "updatedAt") values
      ('u-bob', 'Bob', 'bob@example.com', true, now()), ('u-bea', 'Bea', 'bea@example.com', true, now())`.execute(
      database.db,
    );
    await sql`insert into passkey (id, "publicKey", "userId", "credentialID", counter, "deviceType", "backedUp") values
      ('pk-bob', 'key', 'u-bob', 'cred-bob', 0, 'singleDevice', false)`.execute(database.db);
    await sql`insert into "session" (id, "expiresAt", token, "updatedAt", "userId", "orgId", "memberId") values
      ('s-bob', now() + interval '1 day', 't-bob', now(), 'u-bob', ${orgA}, 'bob'),
      ('s-bea', now() + interval '1 day', 't-bea', now(), 'u-bea', ${orgB}, 'bea')`.execute(database.db);
    // Before 0005 an email is one member across the server.
    await expect(
      database.db.transaction().execute((trx) =>
        trx
          .insertInto('members')
          .values(memberRow(orgB, aMember({ id: 'bob-b', email: 'bob@example.com' })))
          .execute(),
      ),
    ).rejects.toThrow(/members_email_unique/);
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          ['orgs', 'members', 'grants', 'org_connection', 'org_secret', 'activity', 'user', 'passkey', 'session'].map(
            async (table) =>
              [
                table,
                Number(
                  (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db))
                    .rows[0]!.n,
                ),
              ] as const,
          ),
        ),
      );
    const rows = async () => ({
      members: (await sql`select * from members order by org_id, id`.execute(database.db)).rows,
      grants: (await sql`select * from grants order by org_id, member_id`.execute(database.db)).rows,
      passkeys: (await sql`select * from passkey order by id`.execute(database.db)).rows,
      sessions: (
        await sql`select id, "userId", "orgId", "memberId", token from "session" order by id`.execute(database.db)
      ).rows,
    });
    const before = { counts: await counts(), rows: await rows() };
    // Reported in the resolution: what the migration kept.
    console.info('0005 row counts before', JSON.stringify(before.counts));

    await migrate(database.db, '0005_person_memberships');
    const after = { counts: await counts(), rows: await rows() };
    console.info('0005 row counts after', JSON.stringify(after.counts));
    expect(after).toEqual(before);
    expect(before.counts).toMatchObject({ orgs: 2, members: 3, grants: 2, passkey: 1, session: 2 });

    // Bob (a rep of A) becomes an admin of B: one person, two memberships; his session stays A's.
    await database.db
      .insertInto('members')
      .values(memberRow(orgB, aMember({ id: 'bob-b', email: 'bob@example.com', role: 'admin' })))
      .execute();
    expect(
      (
        await database.db
          .selectFrom('members')
          .select(['org_id', 'id'])
          .where('email', '=', 'bob@example.com')
          .execute()
      )
        .map((m) => (m.org_id === orgA ? `A:${m.id}` : `B:${m.id}`))
        .sort(),
    ).toEqual(['A:bob', 'B:bob-b']);
    expect(
      (await sql<{ orgId: string }>`select "orgId" from "session" where id = 's-bob'`.execute(database.db)).rows,
    ).toEqual([{ orgId: orgA }]);
    // Within one org an email is still one member.
    await expect(
      database.db
        .insertInto('members')
        .values(memberRow(orgB, aMember({ id: 'bob-b2', email: 'bob@example.com' })))
        .execute(),
    ).rejects.toThrow(/members_org_email/);
    // Removing B's membership ends only B's sessions.
    await sql`insert into "session" (id, "expiresAt", token, "updatedAt", "userId", "orgId", "memberId") values
      ('s-bob-b', now() + interval '1 day', 't-bob-b', now(), 'u-bob', ${orgB}, 'bob-b')`.execute(database.db);
    await sql`delete from members where org_id = ${orgB} and id = 'bob-b'`.execute(database.db);
    expect((await sql`select id from "session" where "userId" = 'u-bob'`.execute(database.db)).rows).toEqual([
      { id: 's-bob' },
    ]);
  });

  it('0006 lets members be deactivated and come from the directory, keeping every member, grant and line', async () => {
    const counts = async () =>
      (
        await sql<{ members: string; grants: string; activity: string }>`select
          (select count(*) from members) as members, (select count(*) from grants) as grants,
          (select count(*) from activity) as activity`.execute(database.db)
      ).rows[0];
    // Bob's org (after 0005 the server holds two).
    const orgId = (
      await database.db.selectFrom('members').select('org_id').where('id', '=', 'bob').executeTakeFirstOrThrow()
    ).org_id;
    const store = kyselyOrgStore(database.db, orgId);
    const before = await counts();
    const members = (
      await sql`select id, name, email, role, teams, status from members order by id`.execute(database.db)
    ).rows;
    await migrate(database.db, '0006_directory');
    expect(await counts()).toEqual(before);
    expect(
      (await sql`select id, name, email, role, teams, status from members order by id`.execute(database.db)).rows,
    ).toEqual(members);
    // Every member kept is an admin's (none came from a directory before).
    expect((await sql<{ source: string }>`select distinct source from members`.execute(database.db)).rows).toEqual([
      { source: 'admin' },
    ]);
    const bob = (await store.members.get('bob'))!;
    expect(bob).not.toHaveProperty('source');
    await store.members.put({ ...bob, status: 'deactivated', source: 'directory', externalId: '00u1' });
    expect(await store.members.get('bob')).toMatchObject({
      status: 'deactivated',
      source: 'directory',
      externalId: '00u1',
    });
    await expect(sql`update members set status = 'gone' where id = 'bob'`.execute(database.db)).rejects.toThrow(
      /members_status_check/,
    );
    await expect(sql`update members set source = 'ldap' where id = 'bob'`.execute(database.db)).rejects.toThrow(
      /members_source_check/,
    );
    expect(await tables()).toEqual(expect.arrayContaining(['directory_teams', 'directory_tokens']));
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
