/// <reference types="chrome" />
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Firefox's promise-based `browser` namespace, as the extension's pages see it.
declare const browser: typeof chrome;

/** Debian's Firefox ESR (apt): driven over WebDriver BiDi, so no geckodriver download. */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const EXTENSION_DIR = resolve('.output/firefox-mv3');
/** Fixed, so that the test knows the moz-extension:// address before installing. */
const EXTENSION_UUID = '0f6b1c9e-4a52-4f0e-9d7b-2c3e5a7b9d11';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
const TIMEOUT = 10_000;

export interface Firefox {
  browser: Browser;
  /** Opens one of the extension's pages (`options.html`, `popup.html`) in a new tab. */
  open(path: string): Promise<Page>;
  /** Errors thrown or logged in the extension's pages and background page since launch. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

/** The build's gecko id (its manifest's), under which policies and storage address it. */
export const geckoId = (): string =>
  JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;

/** Headless Firefox ESR, fresh profile, with the built extension installed as a temporary add-on. */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<Firefox> {
  const manifestPath = join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build:firefox" first (npm test does).`);
  const geckoId: string = JSON.parse(readFileSync(manifestPath, 'utf8')).browser_specific_settings.gecko.id;
  // Our own profile folder: puppeteer leaves its temporary one behind when Firefox fails to start.
  const profile = mkdtempSync(join(tmpdir(), 'marketo-access-firefox-'));
  let driver: Browser;
  try {
    driver = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      // The runner stops its browsers itself on a signal (and removes their profiles).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Without it BiDi refuses to navigate to moz-extension:// pages.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
        'intl.locale.requested': 'en-US',
        ...prefs,
      },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const pages: Page[] = [];
  const close = async () => {
    const child = driver.process();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        driver.close(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('close timed out')), 10_000))),
      ]);
    } catch {
      // A browser that will not close is killed with its content processes: no Firefox outlives the test.
      try {
        if (child?.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child?.kill('SIGKILL');
      }
    } finally {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    }
  };
  try {
    await driver.installExtension(EXTENSION_DIR);
    return {
      browser: driver,
      open: async (path) => {
        const page = await driver.newPage();
        pages.push(page);
        await openExtensionPage(page, `${EXTENSION_ORIGIN}/${path}`);
        return page;
      },
      errors: async () => {
        const found: string[] = [];
        for (const page of pages) {
          if (!page.isClosed())
            found.push(...(await page.evaluate(() => (window as unknown as { __errors?: string[] }).__errors ?? [])));
        }
        if (pages[0] && !pages[0].isClosed())
          found.push(
            ...(await pages[0].evaluate(
              async () =>
                ((await browser.runtime.getBackgroundPage()) as unknown as { __errors?: string[] } | null)?.__errors ??
                [],
            )),
          );
        return found;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * page.goto never resolves for moz-extension:// pages (no load events reach
 * BiDi), so navigate the browsing context without waiting and poll the
 * document instead. Then collect the page's errors (and the background
 * page's) inside the page, since extension consoles do not reach puppeteer.
 */
async function openExtensionPage(page: Page, url: string) {
  const context = (
    page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'none'): Promise<unknown> } }
  ).browsingContext;
  await context.navigate(url, 'none');
  await page.waitForFunction(
    (url) => location.href === url && document.readyState === 'complete',
    { timeout: TIMEOUT },
    url,
  );
  await page.evaluate(async () => {
    const collect = (target: Window & typeof globalThis) => {
      const holder = target as unknown as { __errors?: string[] };
      if (holder.__errors) return;
      const errors: string[] = (holder.__errors = []);
      target.addEventListener('error', (event) => errors.push(String(event.message)));
      target.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
      const consoleError = target.console.error.bind(target.console);
      target.console.error = (...args: unknown[]) => {
        errors.push(args.map(String).join(' '));
        consoleError(...args);
      };
    };
    collect(window);
    // The event page lives in the same process as the extension's pages.
    const background = await browser.runtime.getBackgroundPage();
    if (background) collect(background as Window & typeof globalThis);
  });
}

type Query =
  | { testId: string; hasText?: string; within?: Query }
  | {
      role: 'button' | 'tab' | 'checkbox' | 'link' | 'summary' | 'alert' | 'dialog';
      name?: string | RegExp;
      within?: Query;
    }
  | { selector: string; within?: Query }
  | { label: string; within?: Query }
  | { form: string };

/**
 * Runs in the page: the first element matching a query, or undefined. Kept
 * free of closures, since its source is sent to the page on every poll
 * (so a re-rendered element is found again, never a stale one).
 */
function locate(serial: string): Element | undefined {
  const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const matches = (value: string, wanted: unknown) =>
    typeof wanted === 'string' ? value === wanted : new RegExp((wanted as { regexp: string }).regexp).test(value);
  const ownText = (el: Element) =>
    [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
  const roles: Record<string, string> = {
    button: 'button,[role=button]',
    tab: '[role=tab]',
    checkbox: 'input[type=checkbox]',
    link: 'a[href]',
    summary: 'summary',
    alert: '[role=alert]',
    dialog: 'dialog[open]',
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs inside the page, where the query's type is not imported.
  const search = (q: any, root: ParentNode): Element | undefined => {
    const scope = q.within ? search(q.within, root) : root;
    if (!scope) return undefined;
    if (q.testId)
      return [...scope.querySelectorAll(`[data-testid="${q.testId}"]`)].find(
        (el) => !q.hasText || text(el).includes(q.hasText),
      );
    if (q.role)
      return [...scope.querySelectorAll(roles[q.role]!)].find(
        (el) => q.name === undefined || matches(el.getAttribute('aria-label') ?? text(el), q.name),
      );
    if (q.selector) return scope.querySelector(q.selector) ?? undefined;
    if (q.label) return [...scope.querySelectorAll('label')].find((l) => ownText(l) === q.label)?.control ?? undefined;
    if (q.form)
      return [...scope.querySelectorAll('form')].find(
        (f) => text(document.getElementById(f.getAttribute('aria-labelledby') ?? '') ?? f) === q.form,
      );
    return undefined;
  };
  return search(JSON.parse(serial), document);
}

const pattern = (value: string | RegExp) => (typeof value === 'string' ? { equals: value } : { regexp: value.source });
/** A page expression that locates `query` (puppeteer evaluates string expressions as they are). */
const locateExpression = (query: Query) =>
  `(${locate.toString()})(${JSON.stringify(JSON.stringify(query, (_key, value: unknown) => (value instanceof RegExp ? pattern(value) : value)))})`;

/** The first element matching a query by what the user sees: a test id, a role and name, a label, a form's title. */
export async function find(page: Page, query: Query): Promise<ElementHandle<Element>> {
  try {
    return (await page.waitForFunction(`${locateExpression(query)} ?? false`, {
      timeout: TIMEOUT,
    })) as ElementHandle<Element>;
  } catch (error) {
    throw new Error(`Nothing matches ${JSON.stringify(query)}`, { cause: error });
  }
}

/** Types into a field as a user would (the field is emptied first). */
export async function fill(page: Page, query: Query, value: string) {
  const field = await find(page, query);
  await field.evaluate((el) => {
    (el as HTMLInputElement).value = '';
  });
  await field.type(value);
}

export async function click(page: Page, query: Query) {
  await (await find(page, query)).click();
}

/** Waits until an element matching the query reads `expected`; returns its text. */
export async function waitForText(
  page: Page,
  query: Query,
  expected: string | RegExp,
  timeout = TIMEOUT,
): Promise<string> {
  const read = `(${locateExpression(query)}?.textContent ?? '').replace(/\\s+/g, ' ').trim()`;
  const wanted = JSON.stringify(pattern(expected));
  try {
    await page.waitForFunction(
      `((value, p) => 'equals' in p ? value === p.equals : new RegExp(p.regexp).test(value))(${read}, ${wanted})`,
      { timeout },
    );
  } catch (error) {
    throw new Error(
      `Expected ${JSON.stringify(query)} to read ${String(expected)}; it reads ${JSON.stringify(await page.evaluate(read))}`,
      { cause: error },
    );
  }
  return page.evaluate(read) as Promise<string>;
}

/** Polls `read` until `accept` holds, at most `timeoutMs`: time is never waited out. */
export async function poll<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export interface CommandReply {
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely in the smoke test.
  value?: any;
  error?: { code: string; message: string };
}

/** Sends a command to the background page the way the extension's own pages do. */
export function send(page: Page, command: string, input: unknown): Promise<CommandReply> {
  return page.evaluate(
    (command, input) => browser.runtime.sendMessage({ channel: 'marketo-access/command', command, input }),
    command,
    input as never,
  ) as Promise<CommandReply>;
}

export const badgeText = (page: Page) => page.evaluate(() => browser.action.getBadgeText({}));

/**
 * Moves the clock of the background page and of `pages` forward by `ms`:
 * Date.now is replaced in each window from the test, over BiDi (the pages)
 * and runtime.getBackgroundPage (the event page). Nothing in the build helps.
 * (Written out in each evaluate: extension pages' CSP forbids new Function.)
 */
export async function moveClocks(pages: Page[], ms: number) {
  const [first, ...others] = pages;
  if (!first) throw new Error('moveClocks needs an open extension page');
  await first.evaluate(async (ms) => {
    const background = await browser.runtime.getBackgroundPage();
    if (!background) throw new Error('No background page');
    for (const target of [background as Window & typeof globalThis, window]) {
      const real = target.Date.now.bind(target.Date);
      target.Date.now = () => real() + ms;
    }
  }, ms);
  for (const page of others) {
    await page.evaluate((ms) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + ms;
    }, ms);
  }
}
