/// <reference types="chrome" />
/**
 * The built extension in headless Chromium (the flags of tests/e2e/extension.ts):
 * seeding an org straight into the worker's IndexedDB, timing the first
 * painted member rows of a page, a bulk grant through the worker, and the
 * worker's cold start.
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM, chromiumArgs } from '../e2e/chromium.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHANNEL = 'marketo-access/command';

export interface Session {
  context: BrowserContext;
  worker: Worker;
  id: string;
  /** An idle extension page (no app on it) to send commands from. */
  sender: Page;
  close(): Promise<void>;
}

export async function launch(extensionDir: string): Promise<Session & { launchedAt: number; workerAt: number }> {
  const profile = mkdtempSync(join(tmpdir(), 'marketo-access-bench-'));
  const launchedAt = performance.now();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 800, height: 600 },
    args: chromiumArgs([extensionDir]),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const workerAt = performance.now();
  const id = new URL(worker.url()).host;
  const sender = await context.newPage();
  // The manifest is an extension resource with no script of ours: an extension origin that stays quiet.
  await sender.goto(`chrome-extension://${id}/manifest.json`);
  return {
    context,
    worker,
    id,
    sender,
    launchedAt,
    workerAt,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Sends one command from the sender page; the time is the page's, from send to answer. */
export async function timedCommand(
  session: Session,
  command: string,
  input: unknown,
): Promise<{ ms: number; response: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return session.sender.evaluate(
    async ({ channel, command, input }) => {
      const start = performance.now();
      const response = (await chrome.runtime.sendMessage({ channel, command, input })) as {
        ok: boolean;
        value?: unknown;
        error?: { code: string };
      };
      return { ms: performance.now() - start, response };
    },
    { channel: CHANNEL, command, input },
  );
}

/**
 * Replaces the org with `count` members (the first is the signed-in owner
 * admin), connected an hour ago so the waiting period is over, no grants.
 * Written with the raw IndexedDB API from the worker, after the worker has
 * opened and migrated the database (send a command first). The seats rule
 * stops at 100 through the commands; this goes around it on purpose. Then the
 * owner signs in through the worker, as a person would.
 */
export async function seedOrg(session: Session, count: number): Promise<void> {
  await session.worker.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('marketo-access');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const stores = ['members', 'grantSets', 'org', 'workspaces', 'session', 'activity', 'jobs'];
    const tx = db.transaction(stores, 'readwrite');
    for (const name of stores) tx.objectStore(name).clear();
    const now = Date.now();
    const teams = ['Everyone', 'EMEA', 'North America', 'APAC', 'Sales'];
    const members = tx.objectStore('members');
    for (let i = 0; i < n; i++) {
      const id = `member-${String(i).padStart(5, '0')}`;
      members.put({
        id,
        name: i === 0 ? 'Olivia Owner' : `Member ${String(i).padStart(5, '0')} Lastname`,
        email: i === 0 ? 'olivia@example.com' : `member${i}@example.com`,
        role: i === 0 ? 'admin' : 'user',
        teams: ['Everyone', teams[i % teams.length]!].filter((t, k, all) => all.indexOf(t) === k),
        status: i === 0 ? 'active' : 'invited',
        invitedAt: now - 86_400_000,
        ...(i === 0 ? {} : { invitedBy: 'member-00000' }),
      });
    }
    const connectedAt = now - 3_600_000;
    tx.objectStore('org').put(
      {
        status: 'connected',
        connection: {
          munchkinId: '123-ABC-456',
          clientId: 'bench-client',
          restBaseUrl: 'http://127.0.0.1:9/rest',
          identityBaseUrl: 'http://127.0.0.1:9/identity',
          connectedAt,
          readyAt: connectedAt + 600_000,
          ownerId: 'member-00000',
          workspacesEnabled: true,
        },
      },
      'connection',
    );
    for (const w of [
      { id: 1, name: 'Default' },
      { id: 2, name: 'EMEA' },
      { id: 3, name: 'North America' },
    ])
      tx.objectStore('workspaces').put(w);
    tx.objectStore('session').put({ memberId: 'member-00000' }, 'signed-in');
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    db.close();
    // The org lives in this browser (the trial): no first-run question before the pages paint.
    await chrome.storage.local.set({ orgLocation: { mode: 'trial' } });
  }, count);
  // The owner signs in again, a change like any other: the worker then keeps the pages' first screen, as it does
  // after every change it makes (the raw writes above went around it).
  const signedIn = await timedCommand(session, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
  if (!signedIn.response.ok) throw new Error(`bench: the owner could not sign in: ${signedIn.response.error?.code}`);
}

/** Removes every grant, job and log line: the next bulk grant starts from the same org. */
export async function clearGrants(session: Session): Promise<void> {
  await session.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('marketo-access');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['grantSets', 'activity', 'jobs'], 'readwrite');
    for (const name of ['grantSets', 'activity', 'jobs']) tx.objectStore(name).clear();
    await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
    db.close();
  });
}

/** Records, from navigation start, when the first `selector` element is in the DOM and when it has been painted (two frames later). */
const FIRST_PAINT_PROBE = (selector: string) => {
  const w = window as unknown as { __bench?: { inDom?: number; painted?: number; rows?: number } };
  w.__bench = {};
  const found = () => {
    if (w.__bench!.inDom !== undefined || !document.querySelector(selector)) return false;
    w.__bench!.inDom = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        w.__bench!.painted = performance.now();
        w.__bench!.rows = document.querySelectorAll(selector).length;
      }),
    );
    return true;
  };
  const observer = new MutationObserver(() => {
    if (found()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
};

export interface PaintTiming {
  /** Navigation start → first member row in the DOM. */
  inDom: number;
  /** Navigation start → two animation frames after that: the rows are on screen. */
  painted: number;
  rows: number;
}

/** Opens `url` in a new page and times its first member rows. */
export async function firstRows(context: BrowserContext, url: string): Promise<PaintTiming> {
  const page = await context.newPage();
  try {
    await page.addInitScript(FIRST_PAINT_PROBE, '[data-testid="member-row"]');
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __bench?: { painted?: number } }).__bench?.painted !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    return await page.evaluate(() => (window as unknown as { __bench: PaintTiming }).__bench);
  } finally {
    await page.close();
  }
}
