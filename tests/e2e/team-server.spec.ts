import { expectAccessible } from './accessibility.ts';
import { expect, test } from './extension.ts';
import { startFakeTeamServer } from './fake-team-server.ts';

// The pages' side of the team server (issue #9) in the built extension: the
// first-run question, the claim link, sign-in by emailed code over real HTTP,
// the passkey tab. The worker's side is wired when the worker dispatches from the registry.

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

    await page.getByRole('textbox', { name: 'Work email' }).fill('olivia@example.com');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await expect(page.getByText('A code was sent to olivia@example.com.', { exact: false })).toBeVisible();
    await page.getByRole('textbox', { name: 'Code' }).fill(server.fake.outbox.get('olivia@example.com')!);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
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
