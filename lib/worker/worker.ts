import { keepFirstScreen } from '../backend/trial/shared/first-screen.ts';
import { createTrialBackend } from '../backend/trial/worker/backend.ts';
import {
  backendFor,
  onOrgMoved,
  RESYNC_ALARM,
  resync,
  scheduleResync,
} from '../backend/team-server/worker/worker-hooks.ts';
import { globalFetch, type FetchLike } from '../backend/team-server/shared/request.ts';
import { readOrgLocation } from '../backend/settings.ts';
import type { OrgBackend } from '../backend/port.ts';
import type { OrgDatabase } from '../db/open.ts';
import type { EndpointPolicy } from '../domain/connection-fields.ts';
import type { Result } from '../domain/result.ts';
import type { BrowserEffect, CommandServices } from '../features/command.ts';
import { COMMANDS, type CommandName } from '../features/registry.ts';
import type { CheckConnection } from '../domain/checked-connection.ts';
import { createCommandListener, type Self } from '../messaging/router.ts';
import { isSealedSecret, seal, unseal, vaultKey } from '../secrets/vault.ts';
import {
  isWaitingPeriodAlarm,
  syncWaitingPeriodBadge,
  type ActionApi,
  type AlarmsApi,
  type BadgeTitles,
} from '../waiting-period/badge.ts';

export interface WorkerDeps {
  openDb: () => Promise<OrgDatabase>;
  now: () => number;
  newId?: () => string;
  alarms: AlarmsApi;
  action: ActionApi;
  self: Self;
  checkConnection: CheckConnection;
  /** Whether the Marketo sandbox on loopback may be reached (development and test builds). */
  endpoints: EndpointPolicy;
  /** Tells open pages that the org changed. */
  announce: () => void;
  /** Forgets the cached Marketo access token. */
  forgetToken: () => Promise<void>;
  /** Gives back the host permission of an instance the org no longer uses. */
  forgetInstance: (endpoints: { restBaseUrl: string; identityBaseUrl: string }) => Promise<void>;
  badgeTitle: BadgeTitles;
  /** How the team server is reached; the global fetch by default. */
  fetch?: FetchLike;
}

/**
 * The background worker's services. Nothing here holds state that matters
 * across a kill: every wake re-reads the database, finishes left-over jobs
 * and recomputes the badge from the stored readyAt.
 */
export function createWorker(deps: WorkerDeps) {
  const services = (db: OrgDatabase): CommandServices => ({
    now: deps.now,
    newId: deps.newId ?? (() => crypto.randomUUID()),
    checkConnection: deps.checkConnection,
    endpoints: deps.endpoints,
    seal: async (secret) => seal(await vaultKey(db), secret),
    unseal: async (sealed) => (isSealedSecret(sealed) ? unseal(await vaultKey(db), sealed) : undefined),
  });
  // Where the org lives (this browser, or a team server) is read on each wake and after each move.
  let backendPromise: Promise<OrgBackend> | undefined;
  const openBackend = () =>
    (backendPromise ??= deps.openDb().then((db) =>
      backendFor({
        db,
        fetch: deps.fetch ?? globalFetch,
        now: deps.now,
        trial: () => createTrialBackend(db, services(db)),
      }),
    ));

  const syncBadge = async () => {
    const backend = await openBackend();
    await syncWaitingPeriodBadge(await backend.readyAt(), deps.now(), deps.alarms, deps.action, deps.badgeTitle);
  };

  // A wake that fails (a job that throws, a database that would not open) is
  // logged and tried again by the next command; it never blocks every command.
  let waking: Promise<void> | undefined;
  const ready = () =>
    (waking ??= (async () => {
      await (await openBackend()).resumePendingJobs();
      await scheduleResync(deps.alarms, (await readOrgLocation())?.mode === 'server');
      await syncBadge();
    })().catch((error: unknown) => {
      console.error(
        `Marketo Access: waking up failed (${error instanceof Error ? error.name : typeof error}); trying again on the next command.`,
      );
      backendPromise = undefined;
      waking = undefined;
    }));
  // Commands wait for the wake-up work, so a resumed job lands before anything new.
  const woken = ready();

  // Another server, mode or session: the replica is already cleared; pages re-read.
  onOrgMoved(deps.openDb, (location) => {
    backendPromise = undefined;
    // What the trial kept for pages' first paint belongs to the org that was here; the next wake keeps it again.
    void keepFirstScreen(undefined).catch(() => undefined);
    void scheduleResync(deps.alarms, location?.mode === 'server');
    deps.announce();
    void syncBadge().catch(() => undefined);
  });

  // What a declaration's `after` names, done here: the declarations stay free of browser APIs.
  const effects: Record<BrowserEffect, (answer: unknown) => Promise<void>> = {
    'forget-marketo-token': () => deps.forgetToken(),
    'give-back-host-permission': async (answer) => {
      const endpoints = endpointsIn(answer);
      if (endpoints) await deps.forgetInstance(endpoints).catch(() => undefined);
    },
  };

  const run = async (name: CommandName, input: unknown): Promise<Result<unknown>> => {
    await ready();
    const result = await (await openBackend()).run(name, input);
    const command = COMMANDS[name];
    if (!result.ok || !command.writes) return result;
    deps.announce();
    await syncBadge();
    for (const effect of command.after ?? []) await effects[effect](result.value);
    return result;
  };

  return {
    woken,
    onMessage: createCommandListener(run, deps.self),
    onAlarm: async (alarm: { name: string }) => {
      if (isWaitingPeriodAlarm(alarm.name)) return syncBadge();
      if (alarm.name !== RESYNC_ALARM) return;
      // The team server may have changed elsewhere: one read keeps the replica; pages and the badge follow.
      if (await resync(await openBackend())) deps.announce();
      await syncBadge();
    },
    /** Browser start-up: alarms may not have survived, so re-create them. */
    onStartup: () => syncBadge(),
  };
}

/** The instance an answer names (disconnectOrg's `endpoints`), if it names one. */
function endpointsIn(answer: unknown): { restBaseUrl: string; identityBaseUrl: string } | undefined {
  const endpoints = (answer as { endpoints?: { restBaseUrl?: unknown; identityBaseUrl?: unknown } } | null)?.endpoints;
  return typeof endpoints?.restBaseUrl === 'string' && typeof endpoints.identityBaseUrl === 'string'
    ? { restBaseUrl: endpoints.restBaseUrl, identityBaseUrl: endpoints.identityBaseUrl }
    : undefined;
}
