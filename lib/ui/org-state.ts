import { signal } from '@preact/signals';
import type { OrgView } from '../backend/port.ts';
import { readOrgViewFast } from '../backend/trial/page/first-paint.ts';
import { readOrgLocation } from '../backend/settings.ts';
import type { Problem } from '../domain/result.ts';
import { onChange } from '../messaging/changes.ts';
import { sendCommand } from '../messaging/client.ts';
import { followServer, orgViewAsOf, replicaView, settle } from './server-org-state.ts';

/** The org as this page last read it, and the problem if reading failed. */
export const orgView = signal<OrgView | undefined>(undefined);
export const orgViewProblem = signal<Problem | undefined>(undefined);
export { orgViewAsOf };

/** Forgets what was read: another member, or another place for the org, must not see it. */
export function resetOrgView(): void {
  show(undefined, undefined);
  orgView.value = undefined;
}

/** Enough rows to fill the console's list, with a margin. */
const FIRST_SCREEN = 40;

function show(view: OrgView | undefined, problem: Problem | undefined, asOf?: number): void {
  if (view) orgView.value = view;
  orgViewProblem.value = problem;
  orgViewAsOf.value = asOf;
}

async function refresh(): Promise<void> {
  // Straight from the store when it can; the worker otherwise (first install, a migration pending).
  const fast = await readOrgViewFast().catch(() => undefined);
  const response = fast ? ({ ok: true, value: fast } as const) : await sendCommand('getState', {});
  if (response.ok) show(response.value, undefined);
  else orgViewProblem.value = response.error;
}

/** In server mode the worker asks the server (and keeps the replica); the replica stands in while it cannot. */
async function refreshFromServer(): Promise<void> {
  const settled = await settle(await sendCommand('getState', {}));
  show(settled.view, settled.problem, settled.asOf);
}

/** The first paint of many members: its first screen, then everything. */
async function firstPaint(): Promise<void> {
  const first = await readOrgViewFast(FIRST_SCREEN).catch(() => undefined);
  if (first && orgView.value === undefined) orgView.value = first;
  await refresh();
}

/** Reads the org now and again after every change the worker (or, in server mode, the server) announces: no polling. */
export function followOrg(): () => void {
  let stopFeed: (() => void) | undefined;
  let stopped = false;
  let reread = refresh;
  void readOrgLocation().then(async (location) => {
    if (stopped) return;
    if (location?.mode !== 'server') return firstPaint();
    reread = refreshFromServer;
    stopFeed = followServer(location.serverUrl, () => void refreshFromServer());
    const replica = await replicaView();
    if (replica && orgView.value === undefined) orgView.value = replica;
    return refreshFromServer();
  });
  const stopNotices = onChange(() => void reread());
  return () => {
    stopped = true;
    stopFeed?.();
    stopNotices();
  };
}
