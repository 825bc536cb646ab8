import { openDB, type IDBPDatabase } from 'idb';
import { DB_VERSION, migrate } from './migrations.ts';
import type { OrgDb } from './schema.ts';

export const DB_NAME = 'marketo-access';

export type OrgDatabase = IDBPDatabase<OrgDb>;

/** Opens (and migrates) the org database. A page holding an old version is asked to let go. */
export function openOrgDb(name: string = DB_NAME): Promise<OrgDatabase> {
  return openDB<OrgDb>(name, DB_VERSION, {
    upgrade: (db, oldVersion, newVersion, tx) =>
      migrate(db as never, oldVersion, newVersion ?? DB_VERSION, tx as never),
    blocking: (_current, _next, event) => (event.target as IDBDatabase | null)?.close(),
  });
}

/**
 * Opens the org database read-only for a page, or undefined: a database that
 * does not exist yet, or that is not at this build's version, is left to the
 * worker (the one writer, which creates and migrates it).
 */
export async function openIfCurrent(name: string = DB_NAME): Promise<OrgDatabase | undefined> {
  let db: OrgDatabase;
  try {
    // No version: open whatever is there; creating one would be a write, so abort it.
    db = await openDB<OrgDb>(name, undefined, {
      upgrade: (_db, _old, _new, tx) => {
        tx.done.catch(() => undefined);
        tx.abort();
      },
    });
  } catch {
    return undefined;
  }
  if (db.version === DB_VERSION) return db;
  db.close();
  return undefined;
}
