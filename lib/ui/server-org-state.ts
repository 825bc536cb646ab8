import { signal } from '@preact/signals';
import { followChanges } from '../backend/team-server/page/feed.ts';
import { globalFetch } from '../backend/team-server/shared/request.ts';
import type { OrgView } from '../backend/port.ts';
import { readReplicaFast } from '../backend/team-server/shared/replica.ts';
import { readServerToken } from '../backend/settings.ts';
import type { Problem } from '../domain/result.ts';

/** Set while the page shows the replica because the server cannot be reached: the time it is from. */
export const orgViewAsOf = signal<number | undefined>(undefined);

const OFFLINE: ReadonlySet<string> = new Set(['server-unreachable', 'server-unavailable']);

/**
 * What a page shows after asking the worker for the view in server mode: the
 * fresh view; or, when the server cannot be reached, the replica with its
 * time; or the problem when there is no replica either.
 */
export async function settle(
  response: { ok: true; value: OrgView } | { ok: false; error: Problem },
): Promise<{ view?: OrgView; asOf?: number; problem?: Problem }> {
  if (response.ok) return { view: response.value };
  if (!OFFLINE.has(response.error.code)) return { problem: response.error };
  const replica = await readReplicaFast().catch(() => undefined);
  return replica ? { view: replica.view, asOf: replica.at } : { problem: response.error };
}

/** The replica for first paint, before the server answers. */
export const replicaView = async (): Promise<OrgView | undefined> =>
  (await readReplicaFast().catch(() => undefined))?.view;

/**
 * Follows the server's change feed while the page is open; `changed` re-reads
 * the org. A version already seen (a reconnection with nothing new) is
 * skipped, except after the line was lost: then the page re-reads to drop its
 * "as of". Losing the line re-reads too, so the page says "as of" at once.
 */
export function followServer(serverUrl: string, changed: () => void): () => void {
  let seen: number | undefined;
  let lost = false;
  const feed = followChanges({
    serverUrl,
    token: readServerToken,
    fetch: globalFetch,
    onVersion: (version) => {
      // The first version only says where the org is: the page already asked for it.
      const news = seen !== undefined && version !== seen;
      seen = version;
      if (news || lost) changed();
      lost = false;
    },
    onStatus: (status) => {
      if (status !== 'offline' || lost) return;
      lost = true;
      changed();
    },
  });
  return feed.stop;
}
