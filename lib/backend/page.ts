/**
 * What pages may use of the backend directly: a fast read for the first
 * paint. Today's org is local; a remote backend would answer from its cache.
 */
import { DB_NAME } from '../db/open.ts';
import type { OrgView } from './port.ts';
import { readOwnView } from './local/page-reader.ts';

/** The org as the signed-in member may see it, or, with `firstScreen`, just enough of it to paint. */
export const readOrgViewFast = (firstScreen?: number): Promise<OrgView | undefined> =>
  readOwnView(DB_NAME, firstScreen === undefined ? {} : { firstScreen });
