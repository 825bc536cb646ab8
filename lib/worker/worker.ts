import { createLocalBackend } from '../backend/local/index.ts';
import type { OrgBackend } from '../backend/port.ts';
import { isWaitingPeriodAlarm, syncWaitingPeriodBadge, type ActionApi, type AlarmsApi } from '../waiting-period/badge.ts';
import type { OrgDatabase } from '../db/open.ts';
import { createCommandListener, type Self } from '../messaging/router.ts';
import type { CheckConnection } from '../marketo/checked-connection.ts';
import { createCommandHandlers } from './handlers.ts';

export interface WorkerDeps {
  openDb: () => Promise<OrgDatabase>;
  now: () => number;
  alarms: AlarmsApi;
  action: ActionApi;
  self: Self;
  checkConnection: CheckConnection;
  /** Tells open pages that the org changed. */
  announce: () => void;
  /** Forgets the cached Marketo access token. */
  forgetToken: () => Promise<void>;
  badgeTitle: { waiting: (minutes: string) => string; idle: string };
}

/**
 * The background worker's services. Nothing here holds state that matters
 * across a kill: every wake re-reads the database, finishes left-over jobs
 * and recomputes the badge from the stored readyAt.
 */
export function createWorker(deps: WorkerDeps) {
  let backendPromise: Promise<OrgBackend> | undefined;
  const openBackend = () => (backendPromise ??= deps.openDb().then((db) => createLocalBackend(db, deps.now)));

  const syncBadge = async () => {
    const backend = await openBackend();
    await syncWaitingPeriodBadge(await backend.readyAt(), deps.now(), deps.alarms, deps.action, deps.badgeTitle);
  };

  const wake = async () => {
    await (await openBackend()).resumePendingJobs();
    await syncBadge();
  };
  // Commands wait for the wake-up work, so a resumed job lands before anything new.
  const woken = wake();

  const handlers = createCommandHandlers({
    backend: () => woken.then(openBackend),
    checkConnection: deps.checkConnection,
    now: deps.now,
    changed: async () => {
      deps.announce();
      await syncBadge();
    },
    disconnected: deps.forgetToken,
  });

  return {
    woken,
    onMessage: createCommandListener(handlers, deps.self),
    onAlarm: (alarm: { name: string }) => (isWaitingPeriodAlarm(alarm.name) ? syncBadge() : Promise.resolve()),
    /** Browser start-up: alarms may not have survived, so re-create them. */
    onStartup: () => syncBadge(),
  };
}
