import type { OrgDatabase } from '../../../db/open.ts';
import type { AlarmsApi } from '../../../waiting-period/badge.ts';
import { OWN_VIEW } from '../../../features/registry.ts';
import type { OrgBackend } from '../../port.ts';
import { forgetServerToken, readServerToken } from '../../server-session.ts';
import { onOrgLocationChange, readOrgLocation, type OrgLocation } from '../../settings.ts';
import { createTeamServerBackend } from './backend.ts';
import { clearReplica, readReplica, saveReplica } from '../shared/replica.ts';
import type { FetchLike } from '../shared/request.ts';

/**
 * What the worker (lib/worker) calls to hold the org wherever it lives: it
 * asks `backendFor` on each wake and after each `onOrgMoved`, and routes
 * every command to `backend.run`, the team server's as the trial's.
 */
export interface WorkerBackendDeps {
  db: OrgDatabase;
  fetch: FetchLike;
  now: () => number;
  /** The org kept in this browser (trial mode). */
  trial: () => OrgBackend;
}

/** The team server's backend: the bearer token read on each call, each own view kept as the replica (and read back on a wake), the token forgotten when the server ends the session. */
export function serverBackend(serverUrl: string, deps: Omit<WorkerBackendDeps, 'trial'>): OrgBackend {
  return createTeamServerBackend({
    serverUrl,
    token: readServerToken,
    fetch: deps.fetch,
    newKey: () => crypto.randomUUID(),
    now: deps.now,
    // An answer to a session this browser no longer holds (an org switch came meanwhile) is no view of the new one.
    onView: async (view, at, version, token) => {
      if ((await readServerToken()) === token) await saveReplica(deps.db, view, at, version);
    },
    forgetToken: forgetServerToken,
    kept: async () => (await readReplica(deps.db))?.view,
  });
}

/** The backend for where the org lives now; the trial's when nothing was chosen yet (first run, or a build from before the server). */
export async function backendFor(deps: WorkerBackendDeps): Promise<OrgBackend> {
  const location = await readOrgLocation();
  return location?.mode === 'server' ? serverBackend(location.serverUrl, deps) : deps.trial();
}

/** What a change of location means for the worker: another server or mode needs another backend; a new or ended session only a fresh read. */
export const sameServer = (a: OrgLocation | undefined, b: OrgLocation | undefined): boolean =>
  (a?.mode ?? 'trial') === (b?.mode ?? 'trial') &&
  (a?.mode === 'server' ? a.serverUrl : '') === (b?.mode === 'server' ? b.serverUrl : '');

/**
 * Calls `moved` after every change of where the org lives or of who is signed
 * in, once the replica is cleared: another member's view, or another
 * server's, must never paint. The worker then drops its backend, asks
 * `backendFor` again, and announces a change so pages re-read. Registers its
 * listener at once (the worker's main must not await first); the database is
 * opened when a change comes.
 */
export function onOrgMoved(
  db: () => Promise<OrgDatabase>,
  moved: (location: OrgLocation | undefined) => void,
): () => void {
  return onOrgLocationChange((location) => {
    void db()
      .then(clearReplica)
      .catch(() => undefined)
      .then(() => moved(location));
  });
}

/** The worker re-reads the org from the server on each wake and on this alarm, so the badge and the replica follow changes made elsewhere. */
export const RESYNC_ALARM = 'team-server-resync';
// Issue: at least once a minute (Chrome's floor for a packed extension is 30 s).
const RESYNC_MINUTES = 1;

export async function scheduleResync(alarms: AlarmsApi, on: boolean): Promise<void> {
  if (!on) {
    await alarms.clear(RESYNC_ALARM);
    return;
  }
  // Re-created on every start: alarms may not survive a browser restart.
  if (!(await alarms.get(RESYNC_ALARM))) await alarms.create(RESYNC_ALARM, { periodInMinutes: RESYNC_MINUTES });
}

/** On the resync alarm: one read, which keeps the replica; the worker then recomputes the badge and tells pages. */
export async function resync(backend: OrgBackend): Promise<boolean> {
  return (await backend.run(OWN_VIEW, {})).ok;
}
