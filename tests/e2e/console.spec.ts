import type { Page } from '@playwright/test';
import { expectAccessible } from './accessibility.ts';
import { badgeText, expect, test } from './extension.ts';
import {
  chooseThisBrowser,
  connectOrgWithMembers,
  endWaitingPeriod,
  sandboxSettings,
  signInAsOwner,
  TEN_MINUTES,
} from './org-setup.ts';

const TEAM = [
  { name: 'Ana Rep', email: 'ana@example.com' },
  { name: 'Bo Rep', email: 'bo@example.com' },
  { name: 'Cy Rep', email: 'cy@example.com' },
  { name: 'Dee Rep', email: 'dee@example.com' },
];

const row = (page: Page, name: string) => page.getByTestId('member-row').filter({ hasText: name });
const select = (page: Page, name: string, modifiers: 'Shift'[] = []) =>
  row(page, name).getByRole('checkbox').click({ modifiers });

test('User Access: bulk grant with two workspaces, skip reasons, change workspaces, remove access, preview as a rep', async ({
  context,
  extensionId,
  worker,
}) => {
  const page = await context.newPage();
  // Confirmations are in the page: a native dialog would be a regression.
  page.on('dialog', (dialog) => {
    throw new Error(`Unexpected native dialog: ${dialog.message()}`);
  });
  await page.clock.install();
  await signInAsOwner(page, extensionId);
  await connectOrgWithMembers(page, TEAM);
  await page.getByRole('tab', { name: 'User Access' }).click();

  // During the waiting period: one line says when Connect is available (no member listed as "skipped" for it),
  // and Connect stays disabled, with no count of zero.
  await select(page, 'Ana Rep');
  await expect(page.getByText(/Connect is available when the waiting period ends, in 0?\d:\d\d/)).toBeVisible();
  await expect(page.getByTestId('grant-preview')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeDisabled();

  await endWaitingPeriod(worker);
  await page.clock.fastForward(TEN_MINUTES + 1000);

  // Shift-click selects the range Ana…Cy; two workspaces for the whole selection.
  await select(page, 'Cy Rep', ['Shift']);
  await expect(
    page.getByText('5 members, 4 shown, 3 selected').or(page.getByText('5 members, 5 shown, 3 selected')),
  ).toBeVisible();
  await page.getByRole('checkbox', { name: 'EMEA' }).check();
  await page.getByRole('checkbox', { name: 'North America' }).check();
  await expect(page.getByTestId('grant-preview')).toContainText('3 members will be connected: Ana Rep, Bo Rep, Cy Rep');
  await page.getByRole('button', { name: 'Connect (3)' }).click();
  const connectDialog = page.getByRole('dialog', { name: 'Connect to Marketo?' });
  await expect(connectDialog).toContainText('Connect 3 members to Marketo, with: EMEA, North America?');
  await expect(connectDialog).toContainText('Workspaces are set once');
  await expectAccessible(page);
  // Escape cancels and gives focus back to Connect; nothing is sent.
  await page.keyboard.press('Escape');
  await expect(connectDialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Connect (3)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(connectDialog.getByRole('button', { name: 'Connect' })).toBeFocused();
  await connectDialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('action-outcome')).toHaveText('3 members connected.');
  // The next action starts clean: no workspace picked, no preview.
  await expect(page.getByRole('checkbox', { name: 'EMEA' })).not.toBeChecked();
  await expect(page.getByTestId('grant-preview')).toHaveCount(0);
  for (const name of ['Ana Rep', 'Bo Rep', 'Cy Rep'])
    await expect(row(page, name).getByTestId('member-access')).toHaveText('Connected (EMEA, North America)');

  // A member with access in a new selection is skipped, with the reason.
  await select(page, 'Ana Rep');
  await select(page, 'Dee Rep');
  await expect(page.getByTestId('grant-preview')).toContainText('1 member will be connected: Dee Rep');
  await expect(page.getByTestId('skip-reason')).toContainText('1 skipped: Ana Rep: already connected');
  await expect(page.getByTestId('action-outcome')).toHaveCount(0);

  // Change workspaces: one confirmed step, remove then grant again.
  await select(page, 'Dee Rep');
  await page.getByRole('checkbox', { name: 'EMEA' }).uncheck();
  await page.getByRole('checkbox', { name: 'North America' }).uncheck();
  await page.getByRole('checkbox', { name: 'APAC' }).check();
  await page.getByRole('button', { name: 'Change workspaces (1)' }).click();
  await page
    .getByRole('dialog', { name: 'Change workspaces?' })
    .getByRole('button', { name: 'Change workspaces' })
    .click();
  await expect(row(page, 'Ana Rep').getByTestId('member-access')).toHaveText('Connected (APAC)');

  // Remove access.
  await select(page, 'Bo Rep');
  await page.getByRole('button', { name: 'Remove access (1)' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Remove Marketo access?' });
  await expect(removeDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // The Connect preview does not linger under the question about removing access.
  await expect(page.getByTestId('grant-preview')).toHaveCount(0);
  await removeDialog.getByRole('button', { name: 'Remove access' }).click();
  await expect(row(page, 'Bo Rep').getByTestId('member-access')).toHaveText('Not connected');
  await expect(page.getByTestId('action-outcome')).toHaveText('Access removed for 1 member.');

  // The filters: granted only.
  await page.getByLabel('Access', { exact: true }).selectOption('granted');
  await expect(page.getByTestId('member-row')).toHaveCount(2);
  await page.getByLabel('Access', { exact: true }).selectOption('all');
  await page.screenshot({ path: 'test-results/screenshots/user-access.png', fullPage: true });
  await expectAccessible(page);

  // Preview as a rep: exactly their status card.
  await page.getByLabel('Preview as').fill('ana');
  await page.getByRole('button', { name: 'Ana Rep (ana@example.com)' }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.getByTestId('rep-status')).toContainText('Connected since');
  await expect(preview).toContainText('Workspaces: APAC');
  await page.getByLabel('Preview as').fill('bo@');
  await page.getByRole('button', { name: 'Bo Rep (bo@example.com)' }).click();
  await expect(preview.getByTestId('rep-status')).toHaveText('You are not connected to Marketo yet.');
  await expect(preview.getByTestId('rep-admins')).toContainText('Olivia Owner');

  for (const tab of ['Marketo', 'Team Management', 'Activity']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectAccessible(page);
  }

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // The popup says it in one word (it must fit 420 px); the workspaces are in the title.
  await expect(row(popup, 'Ana Rep').getByTestId('member-access')).toHaveText('Connected');
  await expect(row(popup, 'Ana Rep').getByTestId('member-access').locator('span')).toHaveAttribute(
    'title',
    /^Connected \(APAC\)\. /,
  );
  await popup.screenshot({ path: 'test-results/screenshots/popup-admin.png', fullPage: true });
  await expectAccessible(popup);
});

test('a sales rep signs in and sees their own status only', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await signInAsOwner(page, extensionId);
  await connectOrgWithMembers(page, TEAM);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Work email').fill('stranger@example.com');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('ask an admin of your team to invite you');
  await page.getByLabel('Work email').fill('ANA@example.com');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('rep-status')).toHaveText('You are not connected to Marketo yet.');
  // A rep's page is titled for a rep, not "admin settings".
  await expect(page).toHaveTitle('Marketo Access: your integrations');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Marketo Access: your integrations');
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByText('bo@example.com')).toHaveCount(0);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('rep-admins')).toContainText('Olivia Owner (olivia@example.com)');
  await popup.screenshot({ path: 'test-results/screenshots/popup-rep.png', fullPage: true });
  await expectAccessible(popup);
});

test.describe('in French', () => {
  test.use({ uiLanguage: 'fr' });

  test('the pages speak French', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByRole('heading', { name: 'Où se trouve votre organisation\u00a0?' })).toBeVisible();
    await chooseThisBrowser(page, { choice: /Ce navigateur seulement/, start: 'Commencer l’essai dans ce navigateur' });
    await expect(page.getByRole('heading', { name: 'Configurer Marketo Access' })).toBeVisible();
    await page.getByLabel('Nom').fill('Olivia Owner');
    await page.getByLabel('E-mail professionnel').fill('olivia@example.com');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveText('Olivia Owner (administrateur)');
    await expect(page.getByRole('tab', { name: 'Accès utilisateur' })).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveTitle('Marketo Access\u00a0: paramètres d’administration');
    await page.getByRole('tab', { name: 'Connexion Marketo' }).click();
    await expect(page.getByTestId('org-status')).toHaveText('L’organisation n’est pas encore connectée à Marketo.');
    await page.screenshot({ path: 'test-results/screenshots/marketo-fr.png', fullPage: true });
  });
});

test('the Marketo tab connects the org to the sandbox: a wrong secret is refused and records nothing, the right one starts the countdown', async ({
  context,
  extensionId,
  worker,
}) => {
  const page = await context.newPage();
  await signInAsOwner(page, extensionId);
  await page.getByRole('tab', { name: 'Marketo' }).click();
  await expect(page.getByTestId('org-status')).toHaveText('The org is not connected to Marketo yet.');

  const { url, credentials } = sandboxSettings();
  const form = page.getByRole('form', { name: 'Connect the org to Marketo' });
  await form.getByLabel('Munchkin ID').fill(credentials.munchkinId.toLowerCase());
  await form.getByLabel('Client ID').fill(` ${credentials.clientId} `);
  await form.getByLabel('Client Secret').fill('NotTheSecret123');
  await form.getByText('Advanced: endpoints').click();
  await form.getByLabel('REST endpoint').fill(`${url}/rest`);
  await form.getByLabel('Identity endpoint').fill(`${url}/identity`);
  await form.getByRole('button', { name: 'Connect to Marketo' }).click();
  await expect(form.getByRole('alert')).toHaveText(/Marketo refused the Client ID or Client Secret/);
  await expect(page.getByTestId('org-status')).toHaveText('The org is not connected to Marketo yet.');
  expect(await badgeText(worker)).toBe('');

  // Pasted with spaces around it, as people do: trimmed.
  await form.getByLabel('Client Secret').fill(`  ${credentials.clientSecret}\t`);
  await form.getByRole('button', { name: 'Connect to Marketo' }).click();
  await expect(page.getByTestId('org-status')).toContainText(`Connected to ${credentials.munchkinId}`);
  await expect(page.getByTestId('workspaces')).toContainText('North America');
  await expect(page.getByTestId('countdown')).toBeVisible();
  expect(await badgeText(worker)).toBe('10m');
  await page.screenshot({ path: 'test-results/screenshots/marketo-connected.png', fullPage: true });
});
