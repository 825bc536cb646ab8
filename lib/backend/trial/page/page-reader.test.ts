import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDbName, manualClock, startWorker } from '../../../../tests/fixtures/worker-harness.ts';
import { DB_VERSION } from '../../../db/migrations.ts';
import { readOwnView } from './page-reader.ts';

beforeEach(() => fakeBrowser.reset());

describe('the page’s first-paint read', () => {
  it('reads what the worker would answer, without asking it', async () => {
    const dbName = freshDbName();
    const w = startWorker({ dbName, now: manualClock(Date.UTC(2026, 10, 30)).now });
    await w.must('signIn', { name: 'Olivia', email: 'olivia@example.com' });
    await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
    expect(await readOwnView(dbName)).toEqual(await w.must('getState', {}));
  });

  it('a first screen holds the first members by name and the total, for an admin', async () => {
    const dbName = freshDbName();
    const w = startWorker({ dbName, now: manualClock(Date.UTC(2026, 10, 30)).now });
    await w.must('signIn', { name: 'Olivia', email: 'olivia@example.com' });
    await w.must('inviteMembers', {
      rows: ['Cy', 'Ana', 'Dee', 'Bo'].map((name) => ({ name, email: `${name.toLowerCase()}@example.com` })),
    });
    const first = await readOwnView(dbName, { firstScreen: 3 });
    expect(first?.members.map((m) => m.name)).toEqual(['Ana', 'Bo', 'Cy']);
    expect(first?.membersTotal).toBe(5);
    const full = await readOwnView(dbName);
    expect(full?.members).toHaveLength(5);
    expect(full?.membersTotal).toBeUndefined();
  });

  it('creates nothing when the worker has not made the database yet', async () => {
    const dbName = freshDbName();
    expect(await readOwnView(dbName)).toBeUndefined();
    const databases = await indexedDB.databases();
    expect(databases.map((d) => d.name)).not.toContain(dbName);
  });

  it('leaves an older database to the worker to migrate', async () => {
    const dbName = freshDbName();
    (await openDB(dbName, DB_VERSION - 1, { upgrade: (db) => db.createObjectStore('members') })).close();
    expect(await readOwnView(dbName)).toBeUndefined();
    const db = await openDB(dbName);
    expect(db.version).toBe(DB_VERSION - 1);
    db.close();
  });
});
