/// <reference types="chrome" />
import { chromium, test as base, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, chromiumArgs } from './chromium.ts';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/** Chromium with the built extension loaded, in a fresh profile: a new install each test. */
export async function launchWithExtension(uiLanguage = 'en-US'): Promise<{ context: BrowserContext; profile: string }> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first (npm test does).`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'marketo-access-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // chrome.i18n follows the browser's UI language.
    env: { ...process.env, LANGUAGE: uiLanguage },
    args: [`--lang=${uiLanguage}`, ...chromiumArgs([EXTENSION_DIR])],
  });
  return { context, profile };
}

export const test = base.extend<{
  uiLanguage: string;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  workerErrors: string[];
}>({
  uiLanguage: ['en-US', { option: true }],
  context: async ({ uiLanguage }, use) => {
    const { context, profile } = await launchWithExtension(uiLanguage);
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  worker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  workerErrors: async ({ worker }, use) => {
    const errors: string[] = [];
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await use(errors);
  },
});

export { expect } from '@playwright/test';
import type { CommandName, CommandResult } from '../../lib/messaging/protocol.ts';

/** Sends a command to the worker the way our own pages do. */
export function sendFromPage<K extends CommandName>(page: import('@playwright/test').Page, command: K, input: unknown) {
  return page.evaluate(
    ([command, input]) => chrome.runtime.sendMessage({ channel: 'marketo-access/command', command, input }),
    [command, input] as const,
  ) as Promise<{ ok: boolean; value?: CommandResult<K>; error?: { code: string; message: string } }>;
}

export const badgeText = (worker: Worker) => worker.evaluate(() => chrome.action.getBadgeText({}));
