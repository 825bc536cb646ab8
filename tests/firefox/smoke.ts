/// <reference types="chrome" />
import type { Sandbox } from '../sandbox/server.ts';
import { badgeText, click, fill, find, moveClocks, poll, send, waitForText, type Firefox } from './firefox.ts';

declare const browser: typeof chrome;

const TEN_MINUTES = 10 * 60 * 1000;

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export const tests: {
  name: string;
  prefs?: Record<string, unknown>;
  /** An IT admin's policy for this extension, in force before Firefox starts and removed after it closes. */
  policy?: Record<string, unknown>;
  run: (firefox: Firefox, sandbox: Sandbox) => Promise<void>;
}[] = [
  {
    // Preset, not locked: the file is machine-wide for the moments Firefox takes to start, and a lock would take
    // the trial away from another Firefox run starting then. The lock itself is tested in Chromium (policy.spec.ts),
    // through the same storage.managed reading.
    name: 'Firefox ESR: an IT policy (policies.json, 3rdparty > Extensions) presets the team server on the first run',
    policy: { serverUrl: 'https://access.example.com/' },
    run: async (firefox) => {
      const page = await firefox.open('options.html');
      const managed = await page.evaluate(() => browser.storage.managed.get('serverUrl'));
      check(
        JSON.stringify(managed) === JSON.stringify({ serverUrl: 'https://access.example.com/' }),
        `storage.managed did not answer the policy: ${JSON.stringify(managed)}`,
      );
      await waitForText(page, { testId: 'policy-note' }, 'Your IT department preset this address.');
      const address = await find(page, { label: 'Team server address' });
      check(
        (await address.evaluate((el) => (el as HTMLInputElement).value)) === 'https://access.example.com',
        'The policy’s address is not preset',
      );
    },
  },
  {
    name: 'Firefox ESR: the owner signs in, connects the org to the sandbox in the Marketo tab, the badge counts down, a grant waits for the period, the rep sees it in the popup',
    run: async (firefox, sandbox) => {
      const page = await firefox.open('options.html');

      // First run: the org lives in this browser (the trial); whoever signs in first becomes the owner admin.
      await click(page, { selector: 'input[type=radio][value=trial]' });
      await click(page, { role: 'button', name: 'Start the trial in this browser' });
      await fill(page, { label: 'Name' }, 'Olivia Owner');
      await fill(page, { label: 'Work email' }, 'olivia@example.com');
      await click(page, { role: 'button', name: 'Start' });
      await waitForText(page, { testId: 'signed-in-as' }, 'Olivia Owner (Admin)');

      await click(page, { role: 'tab', name: 'Team Management' });
      const invite = { form: 'Invite a member' } as const;
      await fill(page, { label: 'Name', within: invite }, 'Ana Rep');
      await fill(page, { label: 'Email', within: invite }, 'ana@example.com');
      await click(page, { role: 'button', name: 'Invite', within: invite });
      await waitForText(page, { testId: 'members-table-row', hasText: 'ana@example.com' }, /Ana Rep/);

      // The Marketo tab's form, against the sandbox on loopback (no host permission needed there).
      await click(page, { role: 'tab', name: 'Marketo' });
      await waitForText(page, { testId: 'org-status' }, 'The org is not connected to Marketo yet.');
      const form = { form: 'Connect the org to Marketo' } as const;
      await fill(page, { label: 'Munchkin ID', within: form }, sandbox.credentials.munchkinId);
      await fill(page, { label: 'Client ID', within: form }, sandbox.credentials.clientId);
      await fill(page, { label: 'Client Secret', within: form }, sandbox.credentials.clientSecret);
      await click(page, { role: 'summary', name: 'Advanced: endpoints', within: form });
      await fill(page, { label: 'REST endpoint', within: form }, sandbox.restUrl);
      await fill(page, { label: 'Identity endpoint', within: form }, sandbox.identityUrl);
      await click(page, { role: 'button', name: 'Connect to Marketo', within: form });
      await waitForText(
        page,
        { testId: 'org-status' },
        new RegExp(`^Connected to ${sandbox.credentials.munchkinId} since`),
      );
      await waitForText(page, { testId: 'countdown' }, /^(10:00|09:5\d)$/);
      await poll(
        () => badgeText(page),
        (text) => text === '10m',
        'the badge to show 10m',
      );

      // During the wait the page offers no Connect, and the background page refuses a grant anyway.
      await click(page, { role: 'tab', name: 'User Access' });
      const row = { testId: 'member-row', hasText: 'ana@example.com' } as const;
      await waitForText(page, { testId: 'member-access', within: row }, 'Not connected');
      await click(page, { role: 'checkbox', within: row });
      const connect = { role: 'button', name: /^Connect( \(\d+\))?$/ } as const;
      check(
        await (await find(page, connect)).evaluate((b) => (b as HTMLButtonElement).disabled),
        'Connect is enabled during the waiting period',
      );
      const state = await send(page, 'getState', {});
      const ana = state.value.members.find((m: { email: string }) => m.email === 'ana@example.com');
      const early = await send(page, 'grantAccess', { memberIds: [ana.id], workspaceIds: [] });
      check(
        JSON.stringify(early.value?.entries) ===
          JSON.stringify([{ memberId: ana.id, outcome: 'skip', reason: 'waiting-period' }]),
        `An early grant was not refused: ${JSON.stringify(early)}`,
      );

      // Ten minutes pass for the background page and this page; the tick alarm is fired now rather than in 30 s.
      await moveClocks([page], TEN_MINUTES + 1000);
      await page.evaluate((ms) => browser.alarms.create('waiting-period-tick', { when: Date.now() - ms }), TEN_MINUTES);
      // The wait is over: the badge shows its done mark for a while.
      await poll(
        () => badgeText(page),
        (text) => text === '✓',
        'the badge to show the wait is over',
        20_000,
      );
      await poll(
        () => find(page, connect).then((b) => b.evaluate((b) => !(b as HTMLButtonElement).disabled)),
        Boolean,
        'Connect to be enabled',
      );
      await click(page, connect);
      // Connect asks once in the page (workspaces are set once).
      await click(page, { role: 'button', name: 'Connect', within: { role: 'dialog' } });
      await waitForText(page, { testId: 'member-access', within: row }, 'Connected (Default)');
      await waitForText(page, { testId: 'action-outcome' }, '1 member connected.');

      // The rep signs in and the popup shows their own card.
      await click(page, { role: 'button', name: 'Sign out' });
      await fill(page, { label: 'Work email' }, 'ana@example.com');
      await click(page, { role: 'button', name: 'Sign in' });
      await waitForText(page, { testId: 'signed-in-as' }, 'Ana Rep (User)');
      const popup = await firefox.open('popup.html');
      await waitForText(popup, { testId: 'rep-status' }, /^Connected since .+\.$/);
      await waitForText(popup, { selector: '[aria-labelledby="rep-status-title"]' }, /Workspaces: Default/);
      check(
        (await popup.evaluate(() => document.querySelectorAll('[data-testid="member-row"]').length)) === 0,
        'A rep sees the member list',
      );
    },
  },
  {
    name: 'Firefox ESR popup: a stranger is refused, an invited rep without access sees which admin to ask',
    run: async (firefox) => {
      const setup = await firefox.open('options.html');
      await chooseThisBrowser(setup);
      check(
        (await send(setup, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' })).ok,
        'The owner could not sign in',
      );
      check(
        (await send(setup, 'inviteMembers', { rows: [{ name: 'Bo Rep', email: 'bo@example.com' }] })).ok,
        'The rep could not be invited',
      );
      check((await send(setup, 'signOut', {})).ok, 'The owner could not sign out');

      const popup = await firefox.open('popup.html');
      await fill(popup, { label: 'Work email' }, 'stranger@example.com');
      await click(popup, { role: 'button', name: 'Sign in' });
      await waitForText(popup, { role: 'alert' }, /ask an admin of your team to invite you/);
      await fill(popup, { label: 'Work email' }, 'BO@example.com');
      await click(popup, { role: 'button', name: 'Sign in' });
      await waitForText(popup, { testId: 'rep-status' }, 'You are not connected to Marketo yet.');
      await waitForText(popup, { testId: 'rep-admins' }, 'Olivia Owner (olivia@example.com)');
    },
  },
  {
    name: 'Firefox ESR: Connect to Marketo asks for the instance host inside the click (Firefox refuses permissions.request outside a user action)',
    // Firefox's own switch for automation: grant optional permissions without the prompt. The
    // user-action check still applies, so this proves the request is made inside the click.
    prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    run: async (firefox) => {
      const page = await firefox.open('options.html');
      await chooseThisBrowser(page);
      check(
        (await send(page, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' })).ok,
        'The owner could not sign in',
      );
      const origins = ['https://123-abc-456.mktorest.com/*'];
      // A sandbox build holds loopback from install (the local team server, with no prompt): the click adds only the instance.
      const before = await page.evaluate(() => browser.permissions.getAll().then((all) => all.origins ?? []));
      const refused = await page.evaluate(
        (origins) => browser.permissions.request({ origins }).then(String, (error: Error) => error.message),
        origins,
      );
      check(/user input handler/.test(refused), `permissions.request outside a click was not refused: ${refused}`);

      await click(page, { role: 'tab', name: 'Marketo' });
      const form = { form: 'Connect the org to Marketo' } as const;
      await fill(page, { label: 'Munchkin ID', within: form }, '123-ABC-456');
      await fill(page, { label: 'Client ID', within: form }, 'client-id');
      await fill(page, { label: 'Client Secret', within: form }, 'client-secret');
      await click(page, { role: 'button', name: 'Connect to Marketo', within: form });
      await poll(
        () => page.evaluate((origins) => browser.permissions.contains({ origins }), origins),
        Boolean,
        'the host permission to be granted',
      );
      const granted = await page.evaluate(
        (before) => browser.permissions.getAll().then((all) => (all.origins ?? []).filter((o) => !before.includes(o))),
        before,
      );
      check(
        JSON.stringify(granted) === JSON.stringify(origins),
        `Asked for more than the one instance: ${JSON.stringify(granted)}`,
      );
      // The real instance is out of reach from here: the check fails on the network (after the
      // client's retries, up to its 15 s timeout), not on the permission.
      const alert = await waitForText(page, { role: 'alert', within: form }, /./, 30_000);
      check(!/permission/i.test(alert), `The form still asks for permission: ${alert}`);
      await waitForText(page, { testId: 'org-status' }, 'The org is not connected to Marketo yet.');
    },
  },
  {
    name: 'Firefox ESR event page: suspended when idle and woken by the next message, it keeps the org, the wait, the badge and the Marketo token (storage.session)',
    // Firefox suspends an idle event page after 30 s; 2 s here, so that the test need not wait.
    prefs: { 'extensions.background.idle.timeout': 2000 },
    run: async (firefox, sandbox) => {
      const page = await firefox.open('options.html');
      const endpoints = { ...sandbox.credentials, restBaseUrl: sandbox.restUrl, identityBaseUrl: sandbox.identityUrl };
      await chooseThisBrowser(page);
      check(
        (await send(page, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' })).ok,
        'The owner could not sign in',
      );
      const invited = await send(page, 'inviteMembers', { rows: [{ name: 'Ana Rep', email: 'ana@example.com' }] });
      const ana = invited.value.invited[0].member as { id: string };
      check((await send(page, 'connectOrg', endpoints)).ok, 'The org did not connect');
      await poll(
        () => badgeText(page),
        (text) => text === '10m',
        'the badge to show 10m',
      );
      // Compared inside the page: the token itself never reaches the test's output.
      const sessionToken = () =>
        page.evaluate(() =>
          browser.storage.session
            .get('marketo-access-token')
            .then(
              (items) => (items['marketo-access-token'] as { accessToken?: string } | undefined)?.accessToken ?? '',
            ),
        );
      await page.evaluate(
        (token) => ((window as unknown as { __token: string }).__token = token),
        await sessionToken(),
      );
      const sameToken = async () =>
        page.evaluate(
          (token) => token !== '' && token === (window as unknown as { __token: string }).__token,
          await sessionToken(),
        );
      check(await sameToken(), 'The Marketo token was not kept in storage.session');

      const backgroundRunning = () =>
        page.evaluate(() =>
          browser.extension.getViews().some((view) => view.location.pathname === '/_generated_background_page.html'),
        );
      await poll(backgroundRunning, (running) => !running, 'the event page to be suspended');
      check((await badgeText(page)) === '10m', 'The badge was lost with the event page');

      // The next message wakes it: everything is read again from IndexedDB and storage.session.
      const early = await send(page, 'grantAccess', { memberIds: [ana.id], workspaceIds: [] });
      check(
        JSON.stringify(early.value?.entries) ===
          JSON.stringify([{ memberId: ana.id, outcome: 'skip', reason: 'waiting-period' }]),
        `After the wake an early grant was not refused: ${JSON.stringify(early)}`,
      );
      check(await backgroundRunning(), 'The message did not wake the event page');
      check(await sameToken(), 'The Marketo token in storage.session did not survive the event page');
      await click(page, { role: 'tab', name: 'Marketo' });
      await waitForText(
        page,
        { testId: 'org-status' },
        new RegExp(`^Connected to ${sandbox.credentials.munchkinId} since`),
      );
    },
  },
];

/** "This browser only", straight into storage: these tests are about what follows the first run. */
async function chooseThisBrowser(page: Parameters<typeof send>[0]): Promise<void> {
  await page.evaluate(() => browser.storage.local.set({ orgLocation: { mode: 'trial' } }));
}
