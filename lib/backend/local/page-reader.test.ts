import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDbName, manualClock, startWorker } from '../../../tests/fixtures/worker-harness.ts';
import { DB_VERSION } from '../../db/migrations.ts';
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
