import { DB_NAME, openIfCurrent } from '../../../db/open.ts';
import type { OrgView } from '../../port.ts';
import { signedInView } from '../shared/view.ts';

/**
 * A page's first paint reads the org straight from IndexedDB, without waking
 * the worker. Read-only: a database that does not exist yet, or that is not
 * at this build's version, is left to the worker (the one writer), and the
 * page asks it instead (undefined).
 */
export async function readOwnView(
  name: string = DB_NAME,
  options: { firstScreen?: number } = {},
): Promise<OrgView | undefined> {
  const db = await openIfCurrent(name);
  if (!db) return undefined;
  try {
    return await signedInView(db, options);
  } finally {
    db.close();
  }
}
