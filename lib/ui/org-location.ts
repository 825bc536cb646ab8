import { signal } from '@preact/signals';
import { readOrgViewFast } from '../backend/trial/page/first-paint.ts';
import type { ServerPolicy } from '../backend/server-policy.ts';
import { onOrgLocationChange, readOrgLocation, writeOrgLocation, type OrgLocation } from '../backend/settings.ts';

/** Where this page's org lives: 'loading' until read, undefined until the person chooses. */
export const orgLocation = signal<OrgLocation | undefined | 'loading'>('loading');
/** What an IT admin set by policy: the team server's address to preset, and whether it is locked. Followed live. */
export const serverPolicy = signal<ServerPolicy>({ locked: false });

/**
 * A build from before the team server kept its org in this browser without
 * asking: an org found there is taken as the choice, so an upgrade never
 * lands a working admin on the first-run question.
 */
async function resolve(): Promise<OrgLocation | undefined> {
  const stored = await readOrgLocation();
  if (stored) return stored;
  // A first screen of one member is enough to know, and cheap with many members.
  const trialView = await readOrgViewFast(1).catch(() => undefined);
  if (!trialView || trialView.firstRun) return undefined;
  // Kept, so the question is settled once and later pages skip this read; unless a choice was made meanwhile.
  const meanwhile = await readOrgLocation();
  if (meanwhile) return meanwhile;
  await writeOrgLocation({ mode: 'trial' });
  return { mode: 'trial' };
}

/** Reads the choice now and on every change (sign-in, sign-out, another page). */
export function followOrgLocation(): () => void {
  // Only the latest read counts: a slow first read must not undo a change that came meanwhile.
  let latest = 0;
  const read = (location?: OrgLocation) => {
    const mine = ++latest;
    void (location ? Promise.resolve(location) : resolve()).then((l) => {
      if (mine === latest) orgLocation.value = l;
    });
  };
  read();
  // IT's policy loads after the first paint: it only changes what shows when it locks the team server.
  let stopped = false;
  let stopPolicy = () => {};
  void import('../backend/server-policy.ts').then(({ readServerPolicy, onServerPolicyChange }) => {
    if (stopped) return;
    void readServerPolicy().then((policy) => (serverPolicy.value = policy));
    stopPolicy = onServerPolicyChange((policy) => (serverPolicy.value = policy));
  });
  const stopLocation = onOrgLocationChange(read);
  return () => {
    stopped = true;
    stopPolicy();
    stopLocation();
  };
}
