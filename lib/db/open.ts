import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, type OrgDatabase } from './database.ts';
import { migrate } from './migrations.ts';
import type { OrgDb } from './schema.ts';

export { DB_NAME, openIfCurrent, type OrgDatabase } from './database.ts';

/** Opens (and migrates) the org database: the worker's. A page holding an old version is asked to let go. */
export function openOrgDb(name: string = DB_NAME): Promise<OrgDatabase> {
  return openDB<OrgDb>(name, DB_VERSION, {
    upgrade: (db, oldVersion, newVersion, tx) =>
      migrate(db as never, oldVersion, newVersion ?? DB_VERSION, tx as never),
    blocking: (_current, _next, event) => (event.target as IDBDatabase | null)?.close(),
  });
}
