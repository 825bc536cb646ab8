import { openDB, type IDBPDatabase } from 'idb';
import { DB_VERSION, migrate } from './migrations.ts';
import type { OrgDb } from './schema.ts';

export const DB_NAME = 'marketo-access';

export type OrgDatabase = IDBPDatabase<OrgDb>;

/** Opens (and migrates) the org database. A page holding an old version is asked to let go. */
export function openOrgDb(name: string = DB_NAME): Promise<OrgDatabase> {
  return openDB<OrgDb>(name, DB_VERSION, {
    upgrade: (db, oldVersion, newVersion, tx) => migrate(db as never, oldVersion, newVersion ?? DB_VERSION, tx as never),
    blocking: (_current, _next, event) => (event.target as IDBDatabase | null)?.close(),
  });
}
