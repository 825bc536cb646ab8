import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, chromiumArgs } from './chromium.ts';
import { EXTENSION_DIR } from './extension.ts';

/** One Chromium profile with the built extension: a person's browser. */
export interface Profile {
  context: BrowserContext;
  worker: Worker;
  /** chrome-extension://<id> */
  origin: string;
  close(): Promise<void>;
}

/**
 * Launches a fresh profile with the built extension, as it was built (a sandbox build holds the loopback hosts from
 * install, so the pages' permission request for the local team server answers at once, with no prompt), and adds it to `opened`, so the caller
 * closes every one, even on failure.
 */
export async function openProfile(opened: Profile[], extensionDir = EXTENSION_DIR): Promise<Profile> {
  const profile = mkdtempSync(join(tmpdir(), 'marketo-access-e2e-'));
  const entry: Profile = {
    context: undefined as unknown as BrowserContext,
    worker: undefined as unknown as Worker,
    origin: '',
    close: async () => rmSync(profile, { recursive: true, force: true }),
  };
  opened.push(entry);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, LANGUAGE: 'en-US' },
    args: ['--lang=en-US', ...chromiumArgs([extensionDir])],
  });
  entry.context = context;
  entry.close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  entry.worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  entry.origin = `chrome-extension://${new URL(entry.worker.url()).host}`;
  return entry;
}
