import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { serverOriginPattern } from '../backend/server-url.ts';
import { readPolicyServerUrl } from '../backend/server-session.ts';

/** The team server's address an IT admin set by policy, to prefill the first-run choice. */
export const policyServerUrl = signal<string | undefined>(undefined);

/** Reads the policy's address; the first-run choice (its only reader) asks when it is shown. */
export function readPolicy(): void {
  void readPolicyServerUrl().then((url) => {
    if (url) policyServerUrl.value = url;
  });
}

/**
 * Asks for the team server's host permission. Must be the first await of the
 * person's click: browsers only show the prompt during a user gesture.
 */
export async function requestServerPermission(serverUrl: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [serverOriginPattern(serverUrl)] });
  } catch {
    return false;
  }
}
