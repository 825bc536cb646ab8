import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverOriginPattern } from '../../lib/backend/server-url.ts';
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
 * The built extension, copied, with the loopback team server's host
 * permission granted at install (test only). The pages ask for it inside the
 * person's click (`permissions.request`), and headless Chromium shows that
 * prompt where nothing can answer it: the request never settles. A
 * permission already granted is answered `true` at once, with no prompt, so
 * the pages run their real code path. Everything else is the build as is.
 */
export function extensionWithServerPermission(serverUrl: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'marketo-access-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  // Exactly what the pages ask for in their click.
  manifest.host_permissions = [...(manifest.host_permissions ?? []), serverOriginPattern(serverUrl)];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Launches a fresh profile with the extension in `extensionDir` and adds it to `opened`, so the caller closes every one, even on failure. */
export async function openProfile(opened: Profile[], extensionDir: string): Promise<Profile> {
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
