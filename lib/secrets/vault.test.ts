import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDbName, manualClock, startWorker } from '../../tests/fixtures/worker-harness.ts';
import { openOrgDb } from '../db/open.ts';
import { seal, unseal, vaultKey } from './vault.ts';

const SECRET = 'Zx9SecretFromLaunchPoint0042';

/** Every value in every store, with byte buffers decoded as text too: what a copied database file would hold. */
async function rawDump(dbName: string): Promise<string> {
  const db = await openOrgDb(dbName);
  const parts: string[] = [];
  for (const store of db.objectStoreNames) {
    for (const value of await db.getAll(store)) {
      parts.push(
        JSON.stringify(value, (_k, v: unknown) =>
          v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v as ArrayBuffer) : v,
        ),
      );
    }
  }
  db.close();
  return parts.join('\n');
}

beforeEach(() => fakeBrowser.reset());

describe('the client secret at rest', () => {
  it('is nowhere in the raw database, nor in what pages receive, yet the worker can use it', async () => {
    const dbName = freshDbName();
    const w = startWorker({ dbName, now: manualClock(Date.UTC(2026, 10, 30)).now });
    await w.must('signIn', { name: 'Olivia', email: 'olivia@example.com' });
    const connected = await w.must('connectOrg', {
      munchkinId: '123-ABC-456',
      clientId: 'client-id',
      clientSecret: ` ${SECRET} `,
    });
    const state = await w.must('getState', {});
    expect(JSON.stringify(connected)).not.toContain(SECRET);
    expect(JSON.stringify(state)).not.toContain(SECRET);
    await w.close();
    const dump = await rawDump(dbName);
    expect(dump).toContain('123-ABC-456');
    expect(dump).not.toContain(SECRET);

    const db = await openOrgDb(dbName);
    const key = await vaultKey(db);
    expect(key.extractable).toBe(false);
    db.close();
  });

  it('seals with a fresh IV each time and opens only with its key', async () => {
    const db = await openOrgDb(freshDbName());
    const key = await vaultKey(db);
    const a = await seal(key, SECRET);
    const b = await seal(key, SECRET);
    expect(a.iv).not.toEqual(b.iv);
    // The stored key, read back on a later wake, opens what the first one sealed.
    expect(await unseal(await vaultKey(db), a)).toBe(SECRET);
    const otherKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await expect(unseal(otherKey, a)).rejects.toThrow();
    db.close();
  });
});
