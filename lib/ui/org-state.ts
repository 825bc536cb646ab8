import { signal } from '@preact/signals';
import type { OrgView } from '../backend/port.ts';
import { readOrgViewFast } from '../backend/page.ts';
import type { Problem } from '../domain/result.ts';
import { onChange } from '../messaging/changes.ts';
import { sendCommand } from '../messaging/client.ts';

/** The org as this page last read it, and the problem if reading failed. */
export const orgView = signal<OrgView | undefined>(undefined);
export const orgViewProblem = signal<Problem | undefined>(undefined);

/** Enough rows to fill the console's list, with a margin. */
const FIRST_SCREEN = 40;

async function refresh(): Promise<void> {
  // Straight from the store when it can; the worker otherwise (first install, a migration pending).
  const fast = await readOrgViewFast().catch(() => undefined);
  const response = fast ? ({ ok: true, value: fast } as const) : await sendCommand('getState', {});
  if (response.ok) {
    orgView.value = response.value;
    orgViewProblem.value = undefined;
  } else {
    orgViewProblem.value = response.error;
  }
}

/** The first paint of a large team: its first screen, then everything. */
async function firstPaint(): Promise<void> {
  const first = await readOrgViewFast(FIRST_SCREEN).catch(() => undefined);
  if (first && orgView.value === undefined) orgView.value = first;
  await refresh();
}

/** Reads the org now and again after every change the worker announces: no polling. */
export function followOrg(): () => void {
  void firstPaint();
  return onChange(() => void refresh());
}
