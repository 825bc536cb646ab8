import { badgeText, expect, sendFromPage, test } from './extension.ts';
import { chooseThisBrowser } from './org-setup.ts';

const sandbox = () => ({
  url: process.env.SANDBOX_URL!,
  credentials: JSON.parse(process.env.SANDBOX_CREDENTIALS!) as {
    munchkinId: string;
    clientId: string;
    clientSecret: string;
  },
});
const TEN_MINUTES = 10 * 60 * 1000;

test('the built extension: sign in, connect the org to the sandbox, badge counts down, grants wait for the period', async ({
  context,
  extensionId,
  worker,
  workerErrors,
}) => {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The page's clock is Playwright's, so the countdown can be moved without waiting.
  await page.clock.install();
  await page.goto(`chrome-extension://${extensionId}/options.html`);

  // First run: the org in this browser (the trial), where whoever signs in first becomes the first admin.
  await chooseThisBrowser(page);
  await page.getByLabel('Name').fill('Olivia Owner');
  await page.getByLabel('Work email').fill('olivia@example.com');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Olivia Owner (Admin)');

  await page.getByRole('tab', { name: 'Team Management' }).click();
  const invite = page.getByRole('form', { name: 'Invite a member' });
  await invite.getByLabel('Name').fill('Ana Rep');
  await invite.getByLabel('Email').fill('ana@example.com');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(invite.getByLabel('Name')).toHaveValue('');
  await page.getByRole('tab', { name: 'User Access' }).click();
  await expect(page.getByTestId('member-row').filter({ hasText: 'ana@example.com' })).toContainText('Not connected');

  // Connect through the worker's protocol, against the sandbox: a live token and workspace check.
  const { url, credentials } = sandbox();
  const connected = await sendFromPage(page, 'connectOrg', {
    ...credentials,
    restBaseUrl: `${url}/rest`,
    identityBaseUrl: `${url}/identity`,
  });
  expect(connected.ok, JSON.stringify(connected.error)).toBe(true);
  await page.getByRole('tab', { name: 'Marketo' }).click();
  await expect(page.getByTestId('org-status')).toContainText(`Connected to ${credentials.munchkinId}`);
  expect(await badgeText(worker)).toBe('10m');
  const alarms = await worker.evaluate(() => chrome.alarms.getAll());
  expect(alarms.map((a) => a.name).sort()).toEqual(['waiting-period-end', 'waiting-period-tick']);
  await expect(page.getByTestId('countdown')).toHaveText(/^(10:00|09:5\d)$/);
  await page.getByRole('tab', { name: 'User Access' }).click();

  // During the waiting period the page will not offer Connect, and the worker refuses it anyway.
  const row = page.getByTestId('member-row').filter({ hasText: 'ana@example.com' });
  await row.getByRole('checkbox').check();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeDisabled();
  const state = await sendFromPage(page, 'getState', {});
  const ana = state.value!.members.find((m: { email: string }) => m.email === 'ana@example.com');
  const early = await sendFromPage(page, 'grantAccess', { memberIds: [ana!.id], workspaceIds: [] });
  expect(early.value!.entries).toEqual([{ memberId: ana!.id, outcome: 'skip', reason: 'waiting-period' }]);

  // Ten minutes pass: for the worker (its own Date.now, moved from outside the build) and for the page.
  await worker.evaluate((ms) => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + ms;
  }, TEN_MINUTES + 1000);
  await page.clock.fastForward(TEN_MINUTES + 1000);
  // The badge follows the worker's alarms: fire the tick now rather than in 30 s.
  await worker.evaluate(() => chrome.alarms.create('waiting-period-tick', { when: Date.now() - 10 * 60 * 1000 }));
  // The wait ends out loud: a done mark on the badge, and the page says the org is ready.
  await expect.poll(() => badgeText(worker), { timeout: 20_000 }).toBe('✓');
  await expect(page.getByTestId('countdown')).toHaveCount(0);
  await expect(page.getByTestId('waiting-ready')).toBeVisible();

  await expect(page.getByRole('button', { name: /^Connect \(\d+\)$/ })).toBeEnabled();
  await page.getByRole('button', { name: /^Connect \(\d+\)$/ }).click();
  await page.getByRole('dialog', { name: 'Connect to Marketo?' }).getByRole('button', { name: 'Connect' }).click();
  await expect(row.getByTestId('member-access')).toHaveText('Connected (Default)');
  await expect(page.getByTestId('action-outcome')).toHaveText('1 member connected.');

  // The popup shows the same org.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('org-status')).toContainText('Connected to');
  await expect(popup.getByTestId('member-row').filter({ hasText: 'Ana Rep' })).toContainText('Connected');

  expect(pageErrors).toEqual([]);
  expect(workerErrors).toEqual([]);
});
