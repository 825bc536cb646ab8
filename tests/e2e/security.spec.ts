/// <reference types="chrome" />
/**
 * Security, against the built extension in Chromium:
 * - a web page on 127.0.0.1 cannot reach the worker (no externally_connectable);
 * - another unpacked extension loaded beside ours cannot command it;
 * - names full of markup are shown as text everywhere, never parsed as HTML.
 * Each test checks our org afterwards through our own page and the raw database.
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM, chromiumArgs } from './chromium.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, expect, sendFromPage, test } from './extension.ts';

/** The built extension; E2E_EXTENSION_DIR points at another build (the bench and these tests can build apart). */
const OURS = process.env.E2E_EXTENSION_DIR ? resolve(process.env.E2E_EXTENSION_DIR) : EXTENSION_DIR;
const COMMAND = { channel: 'marketo-access/command', command: 'signIn', input: { name: 'x', email: 'x@example.com' } };

interface Launched {
  context: BrowserContext;
  ours: Worker;
  ourId: string;
  close: () => Promise<void>;
}

/** Chromium with our extension and, optionally, others beside it; the same flags as extension.ts. */
async function launch(others: string[] = []): Promise<Launched> {
  const dirs = [OURS, ...others];
  const profile = mkdtempSync(join(tmpdir(), 'marketo-access-security-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(dirs),
  });
  const isOurs = (w: Worker) => w.url().endsWith('/background.js');
  const ours =
    context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs }));
  return {
    context,
    ours,
    ourId: new URL(ours.url()).host,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Our org as our own page sees it, and as the database holds it. */
async function ourOrg(launched: Launched) {
  const page = await launched.context.newPage();
  await page.goto(`chrome-extension://${launched.ourId}/options.html`);
  const state = await sendFromPage(page, 'getState', {});
  await page.close();
  // The worker has opened (and migrated) the database by now: safe to read it raw.
  const counts = await launched.ours.evaluate(
    () =>
      new Promise<Record<string, number>>((done, fail) => {
        const open = indexedDB.open('marketo-access');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['members', 'grantSets', 'activity', 'session', 'jobs', 'org'].filter((n) =>
            db.objectStoreNames.contains(n),
          );
          const tx = db.transaction(names);
          const result: Record<string, number> = {};
          for (const name of names) {
            const request = tx.objectStore(name).count();
            request.onsuccess = () => (result[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            done(result);
          };
        };
      }),
  );
  return { state, counts, badge: await launched.ours.evaluate(() => chrome.action.getBadgeText({})) };
}

async function expectFirstRun(launched: Launched) {
  const org = await ourOrg(launched);
  expect(org.state.ok).toBe(true);
  expect(org.state.value!.firstRun).toBe(true);
  expect(org.state.value!.me).toBeUndefined();
  expect(org.counts).toEqual({ members: 0, grantSets: 0, activity: 0, session: 0, jobs: 0, org: 0 });
  expect(org.badge).toBe('');
}

// ---- A web page ------------------------------------------------------------------

let server: Server;
let pageUrl = '';

test.beforeAll(async () => {
  // A plain web page on loopback; its script tries everything a page can try.
  const html = `<!doctype html><html><head><title>A web page</title></head><body><p>Hello</p></body></html>`;
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

test('a normal web page cannot reach the worker', async () => {
  const launched = await launch();
  try {
    const page = await launched.context.newPage();
    await page.goto(pageUrl);
    const attempt = await page.evaluate(
      async ({ id, message }) => {
        const w = window as unknown as {
          chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<unknown> } };
        };
        const tries: Record<string, string> = {
          chromeRuntime: typeof w.chrome?.runtime,
          sendMessage: typeof w.chrome?.runtime?.sendMessage,
        };
        try {
          const answer = await w.chrome!.runtime!.sendMessage!(id, message);
          tries.send = `answered ${JSON.stringify(answer)}`;
        } catch (error) {
          tries.send = `failed: ${String(error)}`;
        }
        // Our pages are not web-accessible either.
        try {
          await fetch(`chrome-extension://${id}/popup.html`);
          tries.fetch = 'fetched';
        } catch (error) {
          tries.fetch = `failed: ${String(error)}`;
        }
        return tries;
      },
      { id: launched.ourId, message: COMMAND },
    );
    expect(attempt.chromeRuntime).toBe('undefined');
    expect(attempt.sendMessage).toBe('undefined');
    expect(attempt.send).toMatch(/^failed: /);
    expect(attempt.fetch).toMatch(/^failed: /);
    await expectFirstRun(launched);
  } finally {
    await launched.close();
  }
});

// ---- Another extension -------------------------------------------------------------

/** A minimal MV3 extension whose worker and page try to command ours. */
function writeIntruder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'intruder-extension-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Intruder',
      version: '1.0',
      background: { service_worker: 'intruder-sw.js' },
      permissions: ['storage'],
    }),
  );
  const attack = `
    async function attack(id, message) {
      const tries = {};
      try {
        const answer = await chrome.runtime.sendMessage(id, message);
        tries.send = 'answered ' + JSON.stringify(answer);
      } catch (error) {
        tries.send = 'failed: ' + String(error && error.message);
      }
      tries.connect = await new Promise((done) => {
        try {
          const port = chrome.runtime.connect(id);
          port.onMessage.addListener((m) => done('answered ' + JSON.stringify(m)));
          port.onDisconnect.addListener(() => done('disconnected: ' + String(chrome.runtime.lastError && chrome.runtime.lastError.message)));
          port.postMessage(message);
        } catch (error) {
          done('failed: ' + String(error && error.message));
        }
      });
      return tries;
    }
  `;
  writeFileSync(join(dir, 'intruder-sw.js'), `${attack}\nself.attack = attack;\n`);
  writeFileSync(join(dir, 'intruder.js'), `${attack}\nwindow.attack = attack;\n`);
  writeFileSync(
    join(dir, 'intruder.html'),
    '<!doctype html><html><head><title>Intruder</title><script src="intruder.js"></script></head><body></body></html>',
  );
  return dir;
}

test('another extension loaded beside ours gets no effect', async () => {
  const intruderDir = writeIntruder();
  const launched = await launch([intruderDir]);
  try {
    const isIntruder = (w: Worker) => w.url().endsWith('/intruder-sw.js');
    const intruder =
      launched.context.serviceWorkers().find(isIntruder) ??
      (await launched.context.waitForEvent('serviceworker', { predicate: isIntruder }));
    const intruderId = new URL(intruder.url()).host;
    expect(intruderId).not.toBe(launched.ourId);

    type Attack = { send: string; connect: string };
    const fromWorker = await intruder.evaluate(
      ({ id, message }) =>
        (self as unknown as { attack: (id: string, m: unknown) => Promise<Attack> }).attack(id, message),
      { id: launched.ourId, message: COMMAND },
    );
    const page = await launched.context.newPage();
    await page.goto(`chrome-extension://${intruderId}/intruder.html`);
    const fromPage = await page.evaluate(
      ({ id, message }) =>
        (window as unknown as { attack: (id: string, m: unknown) => Promise<Attack> }).attack(id, message),
      { id: launched.ourId, message: COMMAND },
    );
    test.info().annotations.push({ type: 'intruder', description: JSON.stringify({ fromWorker, fromPage }) });
    for (const tries of [fromWorker, fromPage]) {
      // Our worker listens to runtime.onMessage only: an external message finds no receiver.
      expect(tries.send).not.toMatch(/"ok":true/);
      expect(tries.connect).not.toMatch(/^answered/);
    }
    await expectFirstRun(launched);
  } finally {
    await launched.close();
    rmSync(intruderDir, { recursive: true, force: true });
  }
});

// ---- Markup in names --------------------------------------------------------------

const HOSTILE_MEMBERS = [
  { name: '<img src=x onerror="window.__pwned=1">', email: 'img@example.com', teams: ['<b>EMEA</b>'] },
  { name: '"><script>window.__pwned=2</script>', email: 'script@example.com' },
  { name: "</td></tr><img src=x onerror='window.__pwned=3'>", email: 'cell@example.com' },
  { name: '<svg onload=window.__pwned=4>', email: 'svg@example.com' },
  {
    name: '&lt;b&gt;entities&lt;/b&gt; &amp; {{constructor.constructor("window.__pwned=5")()}}',
    email: 'entities@example.com',
  },
  // Markup cannot pass as an email, but quotes can: they must not break out of an attribute.
  { name: "Quote O'Brien", email: "x'onmouseover='window.__pwned=6'@example.com" },
];

/** Counts, from before the page's own script runs, what injected markup would leave behind. */
async function watchForInjection(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[]; __created: string[] };
    w.__cspViolations = [];
    w.__created = [];
    addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.sample}`));
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const el of [node, ...node.querySelectorAll('*')]) {
            // The page's own bundle is a <script src>: anything else of these is injected.
            const tag = el.tagName.toUpperCase();
            if (
              ['IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED'].includes(tag) ||
              (tag === 'SCRIPT' && !el.hasAttribute('src'))
            )
              w.__created.push(el.outerHTML.slice(0, 80));
            for (const attr of el.getAttributeNames())
              if (attr.toLowerCase().startsWith('on')) w.__created.push(`${el.tagName}[${attr}]`);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

async function expectInert(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __cspViolations: string[]; __created: string[] };
    return {
      pwned: w.__pwned,
      csp: w.__cspViolations,
      created: w.__created,
      now: [...document.querySelectorAll('img, script:not([src]), svg, iframe, object, embed')].map((el) =>
        el.outerHTML.slice(0, 80),
      ),
    };
  });
  expect(found.pwned, where).toBeUndefined();
  expect(found.created, where).toEqual([]);
  expect(found.now, where).toEqual([]);
  expect(found.csp, where).toEqual([]);
}

test('names full of markup are shown as text in the console tabs and the popup', async () => {
  const launched = await launch();
  try {
    const setup = await launched.context.newPage();
    await setup.goto(`chrome-extension://${launched.ourId}/options.html`);
    expect((await sendFromPage(setup, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' })).ok).toBe(true);
    for (const member of HOSTILE_MEMBERS) {
      const invited = await sendFromPage(setup, 'inviteMember', member);
      expect(invited.ok, `${member.name}: ${JSON.stringify(invited.error)}`).toBe(true);
      expect(invited.value!.name).toBe(member.name);
    }
    await setup.close();

    const pages: [string, string, boolean][] = [
      // [where, url, emails shown as text]
      ['User Access', `chrome-extension://${launched.ourId}/options.html#access`, true],
      ['Team Management', `chrome-extension://${launched.ourId}/options.html#members`, true],
      ['Activity', `chrome-extension://${launched.ourId}/options.html#activity`, false],
      ['popup', `chrome-extension://${launched.ourId}/popup.html`, false],
    ];
    for (const [where, url, emails] of pages) {
      const page = await launched.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await watchForInjection(page);
      await page.goto(url);
      if (where !== 'Activity') {
        for (const member of HOSTILE_MEMBERS) {
          await expect(page.getByText(member.name, { exact: true }).first(), `${where}: ${member.name}`).toBeVisible();
          if (emails)
            await expect(
              page.getByText(member.email, { exact: true }).first(),
              `${where}: ${member.email}`,
            ).toBeVisible();
        }
      } else {
        await expect(page.getByRole('tabpanel')).toBeVisible();
      }
      // Hover and click around the rows, where an injected handler would fire.
      for (const member of HOSTILE_MEMBERS.slice(0, 3)) {
        const text = page.getByText(member.name, { exact: true }).first();
        if (await text.isVisible()) await text.hover();
      }
      await expectInert(page, where);
      expect(errors, where).toEqual([]);
      await page.close();
    }
  } finally {
    await launched.close();
  }
});
