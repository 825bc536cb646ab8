/**
 * What pages may use of the trial's store directly: a fast read for the first
 * paint. On a team server pages paint from the replica instead
 * (team-server/shared/replica.ts).
 */
import { DB_NAME } from '../../../db/open.ts';
import type { OrgView } from '../../port.ts';
import { readOwnView } from './page-reader.ts';

/** The org as the signed-in member may see it, or, with `firstScreen`, just enough of it to paint. */
export const readOrgViewFast = (firstScreen?: number): Promise<OrgView | undefined> =>
  readOwnView(DB_NAME, firstScreen === undefined ? {} : { firstScreen });
