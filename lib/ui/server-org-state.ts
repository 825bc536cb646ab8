import { signal } from '@preact/signals';
import { followChanges } from '../backend/remote/feed.ts';
import { globalFetch } from '../marketo/http.ts';
import type { OrgView } from '../backend/port.ts';
import { readReplicaFast } from '../backend/remote/replica.ts';
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
export async function settle(response: { ok: true; value: OrgView } | { ok: false; error: Problem }): Promise<{ view?: OrgView; asOf?: number; problem?: Problem }> {
  if (response.ok) return { view: response.value };
  if (!OFFLINE.has(response.error.code)) return { problem: response.error };
  const replica = await readReplicaFast().catch(() => undefined);
  return replica ? { view: replica.view, asOf: replica.at } : { problem: response.error };
}

/** The replica for first paint, before the server answers. */
export const replicaView = async (): Promise<OrgView | undefined> => (await readReplicaFast().catch(() => undefined))?.view;

/**
 * Follows the server's change feed while the page is open; `changed` re-reads
 * the org. A version already seen (a reconnection with nothing new) is skipped.
 */
export function followServer(serverUrl: string, changed: () => void): () => void {
  let seen: number | undefined;
  const feed = followChanges({
    serverUrl,
    token: readServerToken,
    fetch: globalFetch,
    onVersion: (version) => {
      if (version === seen) return;
      const first = seen === undefined;
      seen = version;
      // The first version only says where the org is: the page already asked for it.
      if (!first) changed();
    },
  });
  return feed.stop;
}
