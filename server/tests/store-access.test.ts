import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { fail, ok } from '../../lib/domain/result.ts';
import { createChangeFeed, type ChangeFeed } from '../changes/change-feed.ts';
import { connect, type Db } from '../db/connect.ts';
import { createLogger } from '../observability/logger.ts';
import { orgStoreAccess } from '../store/store-access.ts';
import { dumpOrg } from '../testing/dump.ts';
import { seedOrg } from '../testing/seed.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';

let database: Db;
let feed: ChangeFeed;
let orgId: string;
const heard: number[] = [];

beforeAll(async () => {
  const url = await testDatabaseUrl();
  database = connect(url);
  feed = createChangeFeed({ url, log: createLogger({ level: 'silent' }) });
  await feed.ready;
  orgId = await seedOrg(database.db, { members: [aMember({ id: 'ann', role: 'admin' })] });
  feed.subscribe(orgId, (v) => heard.push(v));
});
afterAll(async () => {
  await feed.close();
  await database.close();
});

const access = () => orgStoreAccess(database.db, { orgId, memberId: 'ann' });
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('StoreAccess on PostgreSQL', () => {
  it('commits a success, bumps the version once and notifies it', async () => {
    const answer = await access().write(async (store) => {
      await store.members.put(aMember({ id: 'bob' }));
      await store.members.put(aMember({ id: 'cid' }));
      return ok('done');
    });
    expect(answer).toEqual(ok('done'));
    const dump = await dumpOrg(database.db, orgId);
    expect(dump.org!.version).toBe(1);
    expect(dump.members).toHaveLength(3);
    await settle();
    expect(heard).toEqual([1]);
  });

  it('rolls back a refusal: what it wrote before refusing is gone, no version, no notice', async () => {
    const before = await dumpOrg(database.db, orgId);
    const answer = await access().write(async (store) => {
      await store.members.delete('bob');
      return fail('seats-full', 'no');
    });
    expect(answer).toEqual(fail('seats-full', 'no'));
    expect(await dumpOrg(database.db, orgId)).toEqual(before);
    await settle();
    expect(heard).toEqual([1]);
  });

  it('rolls back an exception and passes it on', async () => {
    const before = await dumpOrg(database.db, orgId);
    await expect(
      access().write(async (store) => {
        await store.members.delete('bob');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await dumpOrg(database.db, orgId)).toEqual(before);
  });

  it('the actor is the member as stored now: removed means signed out', async () => {
    expect((await access().read((store) => access().actor(store)))?.id).toBe('ann');
    const gone = orgStoreAccess(database.db, { orgId, memberId: 'nobody' });
    expect(await gone.read((store) => gone.actor(store))).toBeUndefined();
  });

  it('a signed-out caller reads no org', async () => {
    const none = orgStoreAccess(database.db, undefined);
    expect(await none.read((store) => store.members.all())).toEqual([]);
    await expect(none.write(async (store) => (await store.members.put(aMember({ id: 'x' })), ok(1)))).rejects.toThrow(
      /no org/,
    );
  });
});

describe('the change feed', () => {
  it('re-opens a lost LISTEN connection and announces what was committed meanwhile', async () => {
    const before = heard.length;
    // Cut the feed's connection (as a database restart or a proxy would), then commit while it is gone.
    const cut = await sql<{
      done: boolean;
    }>`select pg_terminate_backend(pid) as done from pg_stat_activity where query like 'LISTEN %' and datname = current_database()`.execute(
      database.db,
    );
    expect(cut.rows).toEqual([{ done: true }]);
    await access().write(async (store) => (await store.members.put(aMember({ id: 'dan' })), ok(null)));
    const version = (await dumpOrg(database.db, orgId)).org!.version;
    const deadline = Date.now() + 5_000;
    while (!heard.includes(version) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(heard.slice(before)).toContain(version);
  });
});
