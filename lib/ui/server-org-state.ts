import type { OrgView } from '../backend/port.ts';
import { forgetServerToken, readServerToken } from '../backend/server-session.ts';
import { followChanges, type FeedDeps } from '../backend/team-server/page/feed.ts';
import { postCommand } from '../backend/team-server/shared/command.ts';
import { readReplicaFast } from '../backend/team-server/shared/replica.ts';
import { globalFetch, type FetchLike } from '../backend/team-server/shared/request.ts';
import type { Problem } from '../domain/result.ts';
import { orgView } from '../features/answers.ts';
import { onChange } from '../messaging/changes.ts';
import { whenIdle } from '../messaging/client.ts';

/** What a page shows: a view (with the time it is from while the server cannot be reached), or a problem. */
export interface Shown {
  view?: OrgView;
  asOf?: number;
  problem?: Problem;
}

const OFFLINE: ReadonlySet<string> = new Set(['server-unreachable', 'server-unavailable']);

/**
 * What a page shows after asking for the view in server mode: the fresh
 * view; or, when the server cannot be reached, the newest view it has (its
 * own, or the worker's replica) with its time; or the problem when there is
 * none.
 */
export async function settle(
  response: { ok: true; value: OrgView } | { ok: false; error: Problem },
  own?: { view: OrgView; at: number; version?: number | undefined },
): Promise<Shown> {
  if (response.ok) return { view: response.value };
  if (!OFFLINE.has(response.error.code)) return { problem: response.error };
  const replica = await readReplicaFast().catch(() => undefined);
  const newest = own && (!replica || (own.version ?? -1) >= (replica.version ?? -1)) ? own : replica;
  return newest ? { view: newest.view, asOf: newest.at } : { problem: response.error };
}

export interface FollowDeps {
  serverUrl: string;
  show: (shown: Shown) => void;
  fetch?: FetchLike;
  now?: () => number;
  /** The feed's waits between reconnections (tests pass their own). */
  feed?: Pick<FeedDeps, 'sleep' | 'random'>;
}

/**
 * Follows the org on a team server while a page is open, at most one read a
 * version: the page knows the version of the view it shows, and
 * - paints the worker's replica first, then reads once from the server;
 * - on the worker's notice (a write from this browser), takes the replica,
 *   which the write's own answer refreshed: no request;
 * - on the change feed's version, does nothing if it has it; else waits for
 *   its own commands to be answered, takes the replica if that has it, and
 *   only then reads, straight from the server (one hop, not page → worker →
 *   server);
 * - losing the line says "as of" (one read tells whether the server is
 *   really gone); getting it back with nothing new only drops the "as of".
 */
export function followServerOrg({
  serverUrl,
  show,
  fetch = globalFetch,
  now = Date.now,
  feed: waits,
}: FollowDeps): () => void {
  let own: { view: OrgView; at: number; version?: number | undefined } | undefined;
  let heard: number | undefined;
  let lost = false;
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();

  const has = (version: number | undefined) =>
    version !== undefined && own?.version !== undefined && version <= own.version;
  const keep = (view: OrgView, at: number, version: number | undefined, asOf?: number) => {
    if (stopped) return;
    own = { view, at, version };
    show(asOf === undefined ? { view } : { view, asOf });
  };

  /** The worker's replica, when it is newer than what the page shows: no request. */
  const fromReplica = async () => {
    const replica = await readReplicaFast().catch(() => undefined);
    if (!replica || (own && (replica.version === undefined || has(replica.version)))) return;
    keep(replica.view, replica.at, replica.version);
  };

  /** One request, from this page to the server. */
  const fromServer = async () => {
    const token = await readServerToken();
    const answered = await postCommand(
      'getState',
      {},
      {
        serverUrl,
        fetch,
        timeoutMs: 30_000,
        token,
        key: undefined,
        answer: orgView,
      },
    );
    // The session is over: the stored location changes, and the page goes back to sign-in (unless this browser
    // holds another session by now: an org switch).
    if (answered.sessionEnded) await forgetServerToken(token);
    if (answered.result.ok) return keep(answered.result.value, now(), answered.version);
    const settled = await settle({ ok: false, error: answered.result.problem }, own);
    if (!stopped) show(settled);
  };

  // One read at a time: a version heard meanwhile is looked at after it.
  const next = (work: () => Promise<void>) => {
    queue = queue.then(work).catch(() => undefined);
  };
  const catchUp = () =>
    next(async () => {
      // The page's own write: once answered, the worker's replica holds it.
      await whenIdle();
      if (has(heard)) return;
      await fromReplica();
      if (has(heard)) return;
      await fromServer();
    });

  next(async () => {
    await fromReplica();
    await fromServer();
  });
  const stopNotices = onChange(() => next(fromReplica));
  const feed = followChanges({
    ...waits,
    serverUrl,
    token: readServerToken,
    fetch,
    onVersion: (version) => {
      heard = Math.max(heard ?? version, version);
      if (lost && has(heard) && own) {
        // Back, with nothing new: the view is current again.
        lost = false;
        const { view } = own;
        return next(async () => show({ view }));
      }
      lost = false;
      catchUp();
    },
    onStatus: (status) => {
      if (status !== 'offline' || lost) return;
      lost = true;
      next(fromServer);
    },
  });
  return () => {
    stopped = true;
    feed.stop();
    stopNotices();
  };
}
