import type { OrgView } from '../backend/port.ts';

/**
 * The trial's direct read of its store, for the first paint. It loads beside
 * the page's start, not in it (IndexedDB's wrapper and the store's reads are
 * the popup's largest part, and a page on a team server never uses them);
 * the read starts as soon as it has loaded, still beside the read of where
 * the org lives.
 */
export const readOrgViewFast = (firstScreen?: number): Promise<OrgView | undefined> =>
  import('../backend/trial/page/first-paint.ts').then((m) => m.readOrgViewFast(firstScreen));
