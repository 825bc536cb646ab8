import { openDB, type IDBPDatabase } from 'idb';
import type { OrgDb } from './schema.ts';

export const DB_NAME = 'marketo-access';

/**
 * The schema version this build reads and writes: the number of migrations
 * (lib/db/migrations.ts, whose test checks the two agree). A constant here so
 * that pages, which never migrate, do not load the migrations.
 */
export const DB_VERSION = 7;

export type OrgDatabase = IDBPDatabase<OrgDb>;

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
