import { signal } from '@preact/signals';
import type { OrgView } from '../backend/port.ts';
import { readOrgViewFast } from '../backend/trial/page/first-paint.ts';
import { readOrgLocation } from '../backend/settings.ts';
import type { Problem } from '../domain/result.ts';
import { onChange } from '../messaging/changes.ts';
import { sendCommand } from '../messaging/client.ts';

/** The org as this page last read it, and the problem if reading failed. */
export const orgView = signal<OrgView | undefined>(undefined);
export const orgViewProblem = signal<Problem | undefined>(undefined);
/** Set while the page shows a view the server could not confirm (it cannot be reached): the time it is from. */
export const orgViewAsOf = signal<number | undefined>(undefined);

/** Forgets what was read: another member, or another place for the org, must not see it. */
export function resetOrgView(): void {
  show({});
  orgView.value = undefined;
}

/** Enough rows to fill the console's list, with a margin. */
const FIRST_SCREEN = 40;

function show({ view, problem, asOf }: { view?: OrgView; problem?: Problem; asOf?: number }): void {
  if (view) orgView.value = view;
  orgViewProblem.value = problem;
  orgViewAsOf.value = asOf;
}

/** Trial mode: straight from the store when it can; the worker otherwise (first install, a migration pending). */
async function refresh(): Promise<void> {
  const fast = await readOrgViewFast().catch(() => undefined);
  const response = fast ? ({ ok: true, value: fast } as const) : await sendCommand('getState', {});
  if (response.ok) show({ view: response.value });
  else orgViewProblem.value = response.error;
}

/** The first paint of many members: its first screen, then everything. */
async function firstPaint(): Promise<void> {
  const first = await readOrgViewFast(FIRST_SCREEN).catch(() => undefined);
  if (first && orgView.value === undefined) orgView.value = first;
  await refresh();
}

/**
 * Reads the org now and again after every change: the worker's notices in
 * trial mode; on a team server, the server's change feed as well. No
 * polling. The team server's part is loaded only where the org lives there.
 */
export function followOrg(): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void readOrgLocation().then(async (location) => {
    if (stopped) return;
    if (location?.mode === 'server') {
      const { followServerOrg } = await import('./server-org-state.ts');
      if (!stopped) stop = followServerOrg({ serverUrl: location.serverUrl, show });
      return;
    }
    stop = onChange(() => void refresh());
    await firstPaint();
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
