import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { callCommand } from '../../server/testing/http.ts';
import { expectAccessible } from './accessibility.ts';
import { badgeText, expect, sendFromPage, test } from './extension.ts';
import { startFakeTeamServer } from './fake-team-server.ts';
import { claimAndConnect, signInByCode, TEN_MINUTES } from './org-setup.ts';
import { typedAddress, useRealTeamServer, type RealTeamServer } from './real-team-server.ts';
import { openProfile } from './profiles.ts';
import { describeRequests, recordServerRequests, type ServerRequest } from './server-requests.ts';

// The pages' side of the team server in the built extension: the first-run
// question, the claim link, sign-in by emailed code over real HTTP, the passkey
// tab, against the unit tests' stand-in of the server's API.

test('the first run asks where the org lives, accessibly, and refuses a plain-http address', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'Where does your org live?' })).toBeVisible();
  await expect(page.getByText(/its roles are not protected/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Team server address').fill('http://access.example.com');
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(page.getByRole('alert')).toContainText('must start with https://');
  await expect(page.getByLabel('Team server address')).toHaveValue('http://access.example.com');
});

test('the owner’s link opens the claim form and leaves no token in the address bar', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(
    `chrome-extension://${extensionId}/options.html#claim=AbCdEfGh1234&server=${encodeURIComponent('https://access.example.com')}`,
  );
  await expect(page.getByRole('heading', { name: 'Create your org on the team server' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  await expectAccessible(page);
});

test('first run of a sandbox build: the local team server is used with no permission prompt (none could be answered here)', async ({
  context,
  extensionId,
}) => {
  const server = await startFakeTeamServer(`chrome-extension://${extensionId}`);
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByRole('textbox', { name: 'Team server address' }).fill(server.url);
    await page.getByRole('button', { name: 'Use this server' }).click();
    // Headless Chromium shows a prompt nobody can answer: reaching the sign-in proves none was shown.
    await expect(page.getByRole('heading', { name: 'Sign in to your team' })).toBeVisible();
    await expect(page.getByTestId('host-permission-wait')).toHaveCount(0);
  } finally {
    await server.close();
  }
});

test('sign-in by emailed code over HTTP keeps the bearer session; the passkey tab opens', async ({
  context,
  extensionId,
}) => {
  const server = await startFakeTeamServer(`chrome-extension://${extensionId}`);
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(
      (serverUrl) => chrome.storage.local.set({ orgLocation: { mode: 'server', serverUrl } }),
      server.url,
    );
    await expect(page.getByRole('heading', { name: 'Sign in to your team' })).toBeVisible();
    await expectAccessible(page);

    await signInByCode(page, 'olivia@example.com', (email) => server.fake.outbox.get(email));
    await expect
      .poll(() =>
        page.evaluate(() =>
          chrome.storage.local.get('orgLocation').then((s) => (s.orgLocation as { token?: string }).token),
        ),
      )
      .toBe('token-1');
    // The token travelled in a header only: never in a URL the server saw.
    expect(server.fake.requests.every((r) => !r.path.includes('token-1'))).toBe(true);

    await page.evaluate(() =>
      chrome.storage.local.set({ orgLocation: { mode: 'server', serverUrl: 'https://access.example.com' } }),
    );
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const tab = await opened;
    await expect(tab.getByRole('heading', { name: 'Sign in with a passkey' })).toBeVisible();
    await expect(tab.getByRole('button', { name: 'Use my passkey' })).toBeVisible();
    await expectAccessible(tab);
  } finally {
    await server.close();
  }
});

// End to end: the real team server (server/, in this process, with
// its own embedded PostgreSQL) and three Chromium profiles with the built
// extension: the owner, a rep, and a browser with no session.
test.describe('against the real team server', () => {
  let server: RealTeamServer;
  const profiles = useRealTeamServer((started) => void (server = started));
  const serverAddress = () => typedAddress(server);

  test('owner claim, rep sign-in, live grants within 2 s, refusals, and a passkey', async () => {
    test.setTimeout(120_000);
    const owner = await openProfile(profiles);
    const rep = await openProfile(profiles);
    const stranger = await openProfile(profiles);
    // What each browser sends the team server, counted per profile (its pages and its worker).
    const origin = new URL(serverAddress()).origin;
    const sent = {
      owner: recordServerRequests(owner.context, origin),
      rep: recordServerRequests(rep.context, origin),
      stranger: recordServerRequests(stranger.context, origin),
    };

    await test.step('the owner claims the org, signs in with the emailed code and connects it to Marketo', async () => {
      const page = await owner.context.newPage();
      await claimAndConnect(page, { origin: owner.origin, serverAddress: serverAddress(), server });
      await expect.poll(() => badgeText(owner.worker)).toBe('10m');

      await page.getByRole('tab', { name: 'Team Management' }).click();
      const invite = page.getByRole('form', { name: 'Invite a member' });
      await invite.getByLabel('Name').fill('Ana Rep');
      await invite.getByLabel('Email').fill('ana@example.com');
      await invite.getByRole('button', { name: 'Invite' }).click();
      await expect(invite.getByLabel('Name')).toHaveValue('');
      await page.close();
    });

    let repPopup!: Page;
    await test.step('the rep sets the server on the first run, signs in with the emailed code; the popup says no access yet', async () => {
      const page = await rep.context.newPage();
      await page.goto(`${rep.origin}/options.html`);
      await page.getByRole('radio', { name: 'Team server' }).check();
      await page.getByLabel('Team server address').fill(serverAddress());
      await page.getByRole('button', { name: 'Use this server' }).click();
      await signInByCode(page, 'ana@example.com', (email) => server.codeFor(email));
      await expect(page.getByTestId('signed-in-as')).toContainText('Ana Rep');
      repPopup = await rep.context.newPage();
      await repPopup.goto(`${rep.origin}/popup.html`);
      await expect(repPopup.getByTestId('rep-status')).toHaveText('You are not connected to Marketo yet.');
      // Marks this document: a reload or a navigation would lose it.
      await repPopup.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    });

    let ownerPage!: Page;
    const latencies: number[] = [];
    let writesCounted!: Record<'owner' | 'rep' | 'stranger', ServerRequest[]>;
    let ownerSinceLoop!: () => Promise<ServerRequest[]>;
    await test.step('after the waiting period, each grant reaches the rep’s open popup within 2 s, and each removal too', async () => {
      // The server's clock decides the wait; the page's own clock only decides whether Connect is offered.
      server.clock.advance(TEN_MINUTES + 1000);
      ownerPage = await owner.context.newPage();
      await ownerPage.clock.install({ time: Date.now() + TEN_MINUTES + 1000 });
      const firstRead = ownerPage.waitForResponse((r) => r.url().endsWith('/api/commands/getState'));
      await ownerPage.goto(`${owner.origin}/options.html`);
      await firstRead;
      await ownerPage.getByRole('tab', { name: 'User Access' }).click();
      // The once-a-minute re-sync is not caused by a write: off while the requests are counted.
      for (const profile of [owner, rep])
        await profile.worker.evaluate(() => chrome.alarms.clear('team-server-resync'));
      const counted = { owner: sent.owner.since(), rep: sent.rep.since(), stranger: sent.stranger.since() };
      ownerSinceLoop = sent.owner.since();
      const row = ownerPage.getByTestId('member-row').filter({ hasText: 'ana@example.com' });
      const repCard = repPopup.getByTestId('rep-status').locator('..');
      for (let round = 0; round < ROUNDS; round++) {
        await row.getByRole('checkbox').check();
        await ownerPage.getByRole('checkbox', { name: 'EMEA' }).check();
        await ownerPage.getByRole('checkbox', { name: 'North America' }).check();
        await ownerPage.getByRole('button', { name: 'Connect (1)' }).click();
        const confirm = ownerPage
          .getByRole('dialog', { name: 'Connect to Marketo?' })
          .getByRole('button', { name: 'Connect' });
        await expect(confirm).toBeVisible();
        const shown = whenShown(repPopup, ['Connected since', 'Workspaces: EMEA, North America']);
        const clicked = Date.now();
        await confirm.click();
        latencies.push((await shown) - clicked);
        await expect(repCard).toContainText('Workspaces: EMEA, North America');
        await expect(row.getByTestId('member-access')).toContainText('EMEA');
        await expect(ownerPage.getByTestId('action-outcome')).toHaveText('1 member connected.');

        await row.getByRole('checkbox').check();
        await ownerPage.getByRole('button', { name: 'Remove access (1)' }).click();
        const removed = whenShown(repPopup, ['You are not connected to Marketo yet.']);
        await ownerPage
          .getByRole('dialog', { name: 'Remove Marketo access?' })
          .getByRole('button', { name: 'Remove access' })
          .click();
        await removed;
        // The rep may see it before the owner's page has its answer: the next round starts from a finished action.
        await expect(ownerPage.getByTestId('action-outcome')).toHaveText('Access removed for 1 member.');
        await expect(repPopup.getByTestId('rep-status')).toHaveText('You are not connected to Marketo yet.');
      }
      expect(await repPopup.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      writesCounted = {
        owner: await counted.owner(),
        rep: await counted.rep(),
        stranger: await counted.stranger(),
      };
      const sorted = [...latencies].sort((a, b) => a - b);
      const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
      mkdirSync('test-results', { recursive: true });
      writeFileSync(
        'test-results/team-server-latency.json',
        `${JSON.stringify({ rounds: latencies.length, medianMs: median, maxMs: sorted.at(-1), latenciesMs: latencies }, null, 2)}\n`,
      );
      console.log(
        `grant → rep's open popup: median ${median} ms over ${latencies.length} rounds (max ${sorted.at(-1)} ms)`,
      );
      expect(sorted.at(-1)).toBeLessThan(2000);
    });

    await test.step('one round trip: each write is one request from the owner’s browser; each following page reads a change at most once', async () => {
      const { owner: fromOwner, rep: fromRep, stranger: fromStranger } = writesCounted;
      const writes = fromOwner.filter((r) => r.method === 'POST' && /\/(grantAccess|removeAccess)$/.test(r.path));
      // Every request the owner's browser made while it granted and removed access, ROUNDS times each: the writes, nothing else.
      expect(describeRequests(fromOwner)).toEqual(describeRequests(writes));
      expect(writes).toHaveLength(2 * ROUNDS);
      expect(writes.every((r) => r.from === 'worker')).toBe(true);
      const written = new Set(writes.map((r) => r.version));
      expect(written.size).toBe(2 * ROUNDS);
      // Nor later: no page or worker of the owner read again a version its own write answered.
      const ownerAll = await ownerSinceLoop();
      const rereads = ownerAll.filter((r) => r.path.endsWith('/getState') && written.has(r.version));
      expect(describeRequests(rereads)).toEqual([]);
      // Each page of the rep that follows the org (the popup and the options page) read each change once at most.
      const repReads = fromRep.filter((r) => r.path.endsWith('/getState'));
      const perPageAndVersion = new Map<string, number>();
      for (const read of repReads) {
        const key = `${read.from === repPopup ? 'popup' : read.from === 'worker' ? 'worker' : 'options'} v${read.version}`;
        perPageAndVersion.set(key, (perPageAndVersion.get(key) ?? 0) + 1);
      }
      expect([...perPageAndVersion].filter(([, n]) => n > 1)).toEqual([]);
      expect(repReads.filter((r) => r.from === 'worker')).toEqual([]);
      const popupReads = repReads.filter((r) => r.from === repPopup).length;
      expect(popupReads).toBeLessThanOrEqual(2 * ROUNDS);
      expect(fromStranger).toEqual([]);
      const counts = {
        ownerRequestsPerWrite: fromOwner.length / writes.length,
        ownerWrites: writes.length,
        repPopupReads: popupReads,
        repOptionsReads: repReads.length - popupReads,
        changes: 2 * ROUNDS,
        repOtherRequests: fromRep.filter((r) => !r.path.endsWith('/getState')).map((r) => `${r.method} ${r.path}`),
        strangerRequests: fromStranger.length,
      };
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/team-server-requests.json', `${JSON.stringify(counts, null, 2)}\n`);
      console.log(`requests to the team server while ${2 * ROUNDS} changes were made: ${JSON.stringify(counts)}`);
    });

    await test.step('the owner removes the rep’s access and the popup follows', async () => {
      await expect(
        ownerPage.getByTestId('member-row').filter({ hasText: 'ana@example.com' }).getByTestId('member-access'),
      ).toHaveText('Not connected');
      await expect(repPopup.getByTestId('rep-status')).toHaveText('You are not connected to Marketo yet.');
    });

    let repId = '';
    await test.step('the rep’s worker sends an admin command: the server refuses it', async () => {
      const state = await sendFromPage(repPopup, 'getState', {});
      repId = state.value!.me!.id;
      const refused = await sendFromPage(repPopup, 'grantAccess', { memberIds: [repId], workspaceIds: [] });
      expect(refused.ok).toBe(false);
      expect(refused.error?.code).toBe('not-admin');
      await expect(repPopup.getByTestId('rep-status')).toHaveText('You are not connected to Marketo yet.');
    });

    await test.step('a browser with no session reads nothing, nor does HTTP with no token', async () => {
      const page = await stranger.context.newPage();
      await page.goto(`${stranger.origin}/options.html`);
      await page.getByRole('radio', { name: 'Team server' }).check();
      await page.getByLabel('Team server address').fill(serverAddress());
      await page.getByRole('button', { name: 'Use this server' }).click();
      await expect(page.getByRole('heading', { name: 'Sign in to your team' })).toBeVisible();
      const state = await sendFromPage(page, 'getState', {});
      expect(state.ok).toBe(true);
      expect(state.value).toMatchObject({
        members: [],
        grants: [],
        activity: [],
        admins: [],
        org: { status: 'not-connected' },
      });
      expect(state.value!.me).toBeUndefined();
      const direct = await callCommand(server.url, 'getState', {});
      expect(direct.status).toBe(200);
      expect(direct.body.value).toMatchObject({
        members: [],
        grants: [],
        activity: [],
        admins: [],
        org: { status: 'not-connected' },
      });
      expect(direct.body.value.me).toBeUndefined();
      expect(JSON.stringify(direct.body)).not.toMatch(/Acme|olivia@|ana@|munchkin/i);
    });

    await test.step('the rep adds a passkey in the passkey tab, signs out, and signs in with it in a fresh session', async () => {
      const page = await rep.context.newPage();
      await page.goto(`${rep.origin}/options.html`);
      await expect(page.getByTestId('signed-in-as')).toContainText('Ana Rep');
      const tokenOf = () =>
        page.evaluate(() =>
          chrome.storage.local.get('orgLocation').then((s) => (s.orgLocation as { token?: string }).token),
        );
      const codeSession = await tokenOf();

      const registerTab = rep.context.waitForEvent('page');
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      const register = await registerTab;
      const device = await virtualAuthenticator(register);
      await register.getByRole('button', { name: 'Create a passkey' }).click();
      await expect(register.getByRole('status')).toHaveText('The passkey is added. You can close this tab.');
      const { credentials } = await device.cdp.send('WebAuthn.getCredentials', { authenticatorId: device.id });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]!.rpId).toBe('localhost');
      await register.close();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { name: 'Sign in to your team' })).toBeVisible();
      expect(await tokenOf()).toBeUndefined();
      // The session is over on the server too.
      expect((await callCommand(server.url, 'getState', {}, { token: codeSession! })).body.value.me).toBeUndefined();

      // The same device in a new tab: the passkey it holds, and nothing else.
      const signInTab = rep.context.waitForEvent('page');
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      const signIn = await signInTab;
      const sameDevice = await virtualAuthenticator(signIn);
      await sameDevice.cdp.send('WebAuthn.addCredential', {
        authenticatorId: sameDevice.id,
        credential: credentials[0]!,
      });
      await signIn.getByRole('button', { name: 'Use my passkey' }).click();
      await expect(signIn.getByRole('status')).toHaveText('You are signed in. You can close this tab.');
      await expect(page.getByTestId('signed-in-as')).toContainText('Ana Rep');
      const passkeySession = await tokenOf();
      expect(passkeySession).toBeTruthy();
      expect(passkeySession).not.toBe(codeSession);
      const state = await sendFromPage(page, 'getState', {});
      expect(state.value!.me!.id).toBe(repId);
    });
  });
});

const ROUNDS = 10;

/** Chromium's virtual authenticator (CDP WebAuthn) on this tab: a platform passkey that verifies the user by itself. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

/** When every text is in the page, by the page's clock (a MutationObserver: no polling interval in the figure). */
function whenShown(page: Page, texts: string[]): Promise<number> {
  return page.evaluate(
    (texts) =>
      new Promise<number>((resolve, reject) => {
        const there = () => texts.every((text) => document.body.innerText.includes(text));
        if (there()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!there()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => reject(new Error(`not shown within 5 s: ${texts.join(' / ')}`)), 5000);
      }),
    texts,
  );
}
