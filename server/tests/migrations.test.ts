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
  it('are numbered in order, each number once', () => {
    expect(names).toEqual([...names].sort());
    const numbers = names.map((name) => Number(/^(\d{4})_/.exec(name)?.[1]));
    // 0005 (people and memberships) is made on another branch at the same time: numbers rise, one may be missing.
    numbers.forEach((n, i) => expect(n).toBeGreaterThan(i === 0 ? 0 : numbers[i - 1]!));
    expect(numbers[0]).toBe(1);
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

  it('0006 lets members be deactivated and come from the directory, keeping every member, grant and line', async () => {
    const counts = async () =>
      (
        await sql<{ members: string; grants: string; activity: string }>`select
          (select count(*) from members) as members, (select count(*) from grants) as grants,
          (select count(*) from activity) as activity`.execute(database.db)
      ).rows[0];
    const orgId = (await database.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
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

  it('the latest is where the migrations end, and running again changes nothing', async () => {
    await migrate(database.db);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(names);
  });
});
