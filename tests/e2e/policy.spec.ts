import { expectAccessible } from './accessibility.ts';
import { canWritePolicies, unpackedExtensionId, writeChromiumPolicy } from './chromium-policy.ts';
import { EXTENSION_DIR, expect, test } from './extension.ts';
import { startFakeTeamServer } from './fake-team-server.ts';
import { signInByCode } from './org-setup.ts';

// IT's deployment by policy in Chromium (issue 19): a policy file in Chromium's
// managed folder presets the team server for this extension (storage.managed).
// The tests write the file before the browser starts (the `context` fixture
// starts it), and remove it after. CI runs as root; elsewhere they are skipped.
const EXTENSION_ID = unpackedExtensionId(EXTENSION_DIR);
let policy: ReturnType<typeof writeChromiumPolicy> | undefined;

test.skip(!canWritePolicies(), 'Writing Chromium’s policy folder needs root (CI runs as root).');
test.afterEach(() => {
  policy?.remove();
  policy = undefined;
});

test.describe('a locked policy', () => {
  // Before the `context` fixture starts the browser: Chromium reads the folder at start.
  test.beforeEach(() => {
    policy = writeChromiumPolicy(EXTENSION_ID, { serverUrl: 'https://access.example.com/', lockServerUrl: true });
  });

  test('a policy set before the browser starts presets and locks the team server on the first run', async ({
    extensionId,
    context,
  }) => {
    expect(extensionId).toBe(EXTENSION_ID);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const address = page.getByRole('textbox', { name: 'Team server address' });
    await expect(address).toHaveValue('https://access.example.com');
    await expect(address).toHaveAttribute('readonly', '');
    await expect(page.getByRole('radio', { name: /This browser only/ })).toHaveCount(0);
    await expect(page.getByTestId('policy-note')).toHaveText(
      'Your IT department set this address: your org lives on this team server.',
    );
    await expectAccessible(page);
  });
});

test.describe('a policy changed while the browser runs', () => {
  test.beforeEach(() => {
    policy = writeChromiumPolicy(EXTENSION_ID, { serverUrl: 'https://preset.example.com' });
  });

  test('a policy changed while the browser runs is followed, and the person signed in stays signed in', async ({
    extensionId,
    context,
  }) => {
    test.setTimeout(90_000);
    const server = await startFakeTeamServer(`chrome-extension://${extensionId}`);
    try {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await expect(page.getByRole('textbox', { name: 'Team server address' })).toHaveValue(
        'https://preset.example.com',
      );

      // Sign in to another server (the preset is not locked), by emailed code.
      await page.getByRole('textbox', { name: 'Team server address' }).fill(server.url);
      await page.getByRole('button', { name: 'Use this server' }).click();
      await signInByCode(page, 'olivia@example.com', (email) => server.fake.outbox.get(email));
      const token = () =>
        page.evaluate(() =>
          chrome.storage.local.get('orgLocation').then((s) => (s.orgLocation as { token?: string }).token),
        );
      await expect.poll(token).toBe('token-1');

      // IT locks the team server to another address; Chromium re-reads its policy folder while it runs.
      policy!.update({ serverUrl: 'https://locked.example.com', lockServerUrl: true });
      await expect(page.getByTestId('policy-notice')).toContainText(
        'Your IT department now sets the team server to https://locked.example.com.',
        { timeout: 60_000 },
      );
      expect(await token()).toBe('token-1');
      // Not sent back to the sign-in (the fake server's own answers are not the point here).
      await expect(page.getByRole('heading', { name: 'Sign in to your team' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Use that server' })).toBeVisible();
    } finally {
      await server.close();
    }
  });
});
