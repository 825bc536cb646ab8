import type { Page, Worker } from '@playwright/test';
import { badgeText, expect, sendFromPage } from './extension.ts';
import type { RealTeamServer } from './real-team-server.ts';

export const TEN_MINUTES = 10 * 60 * 1000;

export function sandboxSettings() {
  const url = process.env.SANDBOX_URL;
  const credentials = process.env.SANDBOX_CREDENTIALS;
  if (!url || !credentials) throw new Error('The Marketo sandbox is not running: tests/e2e/global-setup.ts starts it.');
  return {
    url,
    credentials: JSON.parse(credentials) as { munchkinId: string; clientId: string; clientSecret: string },
  };
}

/**
 * The emailed code's second half, from the sign-in form: once the server's answer shows (so the code has been
 * made), the code is read from the server's outbox (`code`), typed in, and sent.
 */
export async function enterEmailedCode(
  page: Page,
  email: string,
  code: (email: string) => Promise<string | undefined> | string | undefined,
) {
  await expect(
    page.getByText(`If an org on this server invited ${email}, a code is on its way there.`, { exact: false }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Code' }).fill((await code(email))!);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Sign-in by emailed code from the team server's sign-in form: the email, "Email me a code", then the code. */
export async function signInByCode(page: Page, email: string, code: Parameters<typeof enterEmailedCode>[2]) {
  await page.getByRole('textbox', { name: 'Work email' }).fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await enterEmailedCode(page, email, code);
}

/**
 * On a team server: the owner opens the one-time owner link on the options page, creates the org "Acme",
 * signs in with the emailed code and connects the org to the Marketo sandbox.
 */
export async function claimAndConnect(
  page: Page,
  { origin, serverAddress, server }: { origin: string; serverAddress: string; server: RealTeamServer },
) {
  await page.goto(`${origin}/options.html#claim=${server.claimToken}&server=${encodeURIComponent(serverAddress)}`);
  await page.getByLabel('Org name').fill('Acme');
  await page.getByLabel('Name', { exact: true }).fill('Olivia Owner');
  await page.getByLabel('Work email').fill('olivia@example.com');
  await page.getByRole('button', { name: 'Create the org' }).click();
  await enterEmailedCode(page, 'olivia@example.com', (email) => server.codeFor(email));
  await expect(page.getByTestId('signed-in-as')).toHaveText('Olivia Owner (Admin)');

  await page.getByRole('tab', { name: 'Marketo' }).click();
  await connectToSandbox(page);
  await expect(page.getByTestId('org-status')).toContainText(
    `Connected to ${sandboxSettings().credentials.munchkinId}`,
  );
}

/** The Marketo tab's connection form, filled with the sandbox's credentials and endpoints, and sent. */
export async function connectToSandbox(page: Page) {
  const { url, credentials } = sandboxSettings();
  await page.getByLabel('Munchkin ID').fill(credentials.munchkinId);
  await page.getByLabel('Client ID').fill(credentials.clientId);
  await page.getByLabel('Client Secret').fill(credentials.clientSecret);
  await page.getByText('Advanced: endpoints').click();
  await page.getByLabel('REST endpoint').fill(`${url}/rest`);
  await page.getByLabel('Identity endpoint').fill(`${url}/identity`);
  await page.getByRole('button', { name: 'Connect to Marketo' }).click();
}

/** The first-run question, answered "this browser only": the trial these tests drive (the team server has its own tests). */
export async function chooseThisBrowser(
  page: Page,
  labels = { choice: /This browser only/, start: 'Start the trial in this browser' },
) {
  await page.getByRole('radio', { name: labels.choice }).check();
  await page.getByRole('button', { name: labels.start }).click();
}

/** First run on the options page: the admin signs in through the form. */
export async function signInAsOwner(
  page: Page,
  extensionId: string,
  name = 'Olivia Owner',
  email = 'olivia@example.com',
) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await chooseThisBrowser(page);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(name);
}

/** Invites the members and connects the org to the sandbox through the worker's protocol. */
export async function connectOrgWithMembers(
  page: Page,
  members: { name: string; email: string; role?: 'admin' | 'user' }[],
) {
  const invited = await sendFromPage(page, 'inviteMembers', { rows: members });
  expect(invited.ok, JSON.stringify(invited.error)).toBe(true);
  const { url, credentials } = sandboxSettings();
  const connected = await sendFromPage(page, 'connectOrg', {
    ...credentials,
    restBaseUrl: `${url}/rest`,
    identityBaseUrl: `${url}/identity`,
  });
  expect(connected.ok, JSON.stringify(connected.error)).toBe(true);
  return invited.value!.invited.map((r: { member: { id: string; email: string } }) => r.member) as {
    id: string;
    email: string;
  }[];
}

/**
 * Ends the waiting period without waiting: moves the worker's Date.now (from
 * outside the shipped build), then lets the real alarm fire so the badge
 * follows (the done mark). The page's own clock must be moved by the caller (page.clock).
 */
export async function endWaitingPeriod(worker: Worker) {
  await worker.evaluate((ms) => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + ms;
  }, TEN_MINUTES + 1000);
  await worker.evaluate((ms) => chrome.alarms.create('waiting-period-tick', { when: Date.now() - ms }), TEN_MINUTES);
  // The countdown gives way to the done mark.
  await expect.poll(() => badgeText(worker), { timeout: 20_000 }).toBe('✓');
}
