import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { Problem } from '../domain/result.ts';

/** The browser's host-permission prompt this page waits on: which hosts it asks for. Undefined when none is open. */
export const hostPermissionWait = signal<{ hosts: string } | undefined>(undefined);

/** How a host-permission request ended: the person's answer, or the person gave up waiting for the prompt. */
export type HostPermissionAnswer = 'granted' | 'refused' | 'abandoned';

let giveUp: (() => void) | undefined;

/**
 * Asks the browser for these hosts. The request itself is made synchronously,
 * so this must be the first call of the person's click (browsers only prompt
 * during a user gesture). While the prompt is open the page says what it waits
 * for and offers a way out: a browser without a window (headless) shows a
 * prompt nobody can answer, and `permissions.request` then never settles.
 */
export function requestHosts(origins: string[]): Promise<HostPermissionAnswer> {
  let asked: Promise<boolean>;
  try {
    asked = browser.permissions.request({ origins });
  } catch {
    return Promise.resolve('refused');
  }
  giveUp?.();
  const abandoned = new Promise<HostPermissionAnswer>((done) => (giveUp = () => done('abandoned')));
  hostPermissionWait.value = { hosts: origins.join(', ') };
  return Promise.race([
    asked.then(
      (granted): HostPermissionAnswer => (granted ? 'granted' : 'refused'),
      (): HostPermissionAnswer => 'refused',
    ),
    abandoned,
  ]).finally(() => {
    hostPermissionWait.value = undefined;
    giveUp = undefined;
  });
}

/** The way out: stop waiting for an answer that may never come. The request resolves 'abandoned'. */
export function stopWaitingForHostPermission(): void {
  giveUp?.();
}

/** What the page says when the team server's host was not granted: refused, or no answer came. */
export const hostPermissionProblem = (answer: Exclude<HostPermissionAnswer, 'granted'>, field?: string): Problem => ({
  code: answer === 'abandoned' ? 'host-permission-no-answer' : 'server-permission',
  message:
    answer === 'abandoned'
      ? 'No answer came from the browser’s permission prompt: nothing was changed.'
      : 'Permission to reach the team server was refused.',
  ...(field && { field }),
});
