import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS } from './migrations.ts';
import { openOrgDb } from './open.ts';

let n = 0;
const freshName = () => `migrations-test-${++n}`;

describe('the org database', () => {
  it('a new install gets every store at the current version', async () => {
    const db = await openOrgDb(freshName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['activity', 'grants', 'jobs', 'members', 'org', 'session', 'workspaces']);
    expect(db.transaction('members').store.index('by-email').unique).toBe(true);
    db.close();
  });

  it('refuses a second member with the same email at the store level', async () => {
    const db = await openOrgDb(freshName());
    const member = { id: 'a', name: 'A', email: 'a@example.com', role: 'user', teams: ['Everyone'], status: 'invited', invitedAt: 1 } as const;
    await db.add('members', { ...member, teams: [...member.teams] });
    await expect(db.add('members', { ...member, id: 'b', teams: ['Everyone'] })).rejects.toThrow();
    db.close();
  });

  it('a database newer than this build is not opened (no silent downgrade)', async () => {
    const name = freshName();
    const future = await openDB(name, MIGRATIONS.length + 1);
    future.close();
    await expect(openOrgDb(name)).rejects.toThrow();
  });
});
