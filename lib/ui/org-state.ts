import { signal } from '@preact/signals';
import type { OrgView } from '../backend/port.ts';
import type { Problem } from '../domain/result.ts';
import { onChange } from '../messaging/changes.ts';
import { sendCommand } from '../messaging/client.ts';

/** The org as this page last read it, and the problem if reading failed. */
export const orgView = signal<OrgView | undefined>(undefined);
export const orgViewProblem = signal<Problem | undefined>(undefined);

async function refresh(): Promise<void> {
  const response = await sendCommand('getState', {});
  if (response.ok) {
    orgView.value = response.value;
    orgViewProblem.value = undefined;
  } else {
    orgViewProblem.value = response.error;
  }
}

/** Reads the org now and again after every change the worker announces. */
export function followOrg(): () => void {
  void refresh();
  return onChange(() => void refresh());
}
