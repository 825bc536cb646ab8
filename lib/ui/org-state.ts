import { signal } from '@preact/signals';
import type { OrgView } from '../backend/port.ts';
import { readOrgViewFast } from '../backend/trial/page/first-paint.ts';
import { FIRST_SCREEN, readKeptFirstScreen } from '../backend/trial/shared/first-screen.ts';
import { readOrgLocation, type OrgLocation } from '../backend/settings.ts';
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

let firstScreen: Promise<OrgView | undefined> | undefined;

/**
 * Starts reading the first screen of the org kept in this browser at once,
 * beside the read of where the org lives (pages call it before their first
 * render): the two reads wait together, not one after the other. Where the
 * org lives on a server, it is not used.
 */
export function readFirstScreenEarly(): void {
  if (firstScreen) return;
  // What the worker kept after its last change, else the store itself.
  firstScreen = readKeptFirstScreen()
    .catch(() => undefined)
    .then((kept) => kept ?? readOrgViewFast(FIRST_SCREEN))
    .catch(() => undefined);
  // In place as soon as both reads are in, so the page's first render with the org already has its rows.
  void Promise.all([readOrgLocation(), firstScreen]).then(([location, first]) => {
    if (location?.mode !== 'server' && first && orgView.value === undefined) orgView.value = first;
  });
}

/** The first paint of many members: its first screen, then everything. */
async function firstPaint(): Promise<void> {
  readFirstScreenEarly();
  const first = await firstScreen;
  // Read once per page: a later follow (another member signed in) reads afresh.
  firstScreen = undefined;
  if (first && orgView.value === undefined) orgView.value = first;
  await refresh();
}

/**
 * Reads the org now and again after every change: the worker's notices in
 * trial mode; on a team server, the server's change feed as well. No
 * polling. The team server's part is loaded only where the org lives there.
 */
export function followOrg(known?: OrgLocation): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  // Where the org lives, as the page's gate already read it: no second read of storage.
  void (known ? Promise.resolve(known) : readOrgLocation()).then(async (location) => {
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
