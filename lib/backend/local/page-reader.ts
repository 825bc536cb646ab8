import { openDB } from 'idb';
import { DB_VERSION } from '../../db/migrations.ts';
import { DB_NAME } from '../../db/open.ts';
import type { OrgDb } from '../../db/schema.ts';
import type { OrgView } from '../port.ts';
import { signedInView } from './view.ts';

/**
 * A page's first paint reads the org straight from IndexedDB, without waking
 * the worker. Read-only: a database that does not exist yet, or that is not
 * at this build's version, is left to the worker (the one writer), and the
 * page asks it instead (undefined).
 */
export async function readOwnView(name: string = DB_NAME, options: { firstScreen?: number } = {}): Promise<OrgView | undefined> {
  let db;
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
  try {
    if (db.version !== DB_VERSION) return undefined;
    return await signedInView(db, options);
  } finally {
    db.close();
  }
}
