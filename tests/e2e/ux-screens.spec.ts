import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expectAccessible, smallText } from './accessibility.ts';
import { badgeText, expect, sendFromPage, test } from './extension.ts';
import { connectOrgWithMembers, endWaitingPeriod, TEN_MINUTES } from './org-setup.ts';

const CSV = (name: string) => join(import.meta.dirname, '../fixtures/csv', name);
const shot = (name: string) => `test-results/screenshots/${name}.png`;

const TEAM = [
  { name: 'Ana Rep', email: 'ana@example.com' },
  { name: 'Bo Rep', email: 'bo@example.com' },
  { name: 'Marc Rep', email: 'marc@example.com' },
];

/** Signs the owner in through the worker's protocol, whatever the page's language, then opens a console tab. */
async function ownerConsole(page: Page, extensionId: string, tab: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // "This browser only", whatever the page's language (the first-run question's words differ).
  await page.evaluate(() => chrome.storage.local.set({ orgLocation: { mode: 'trial' } }));
  const signedIn = await sendFromPage(page, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
  expect(signedIn.ok, JSON.stringify(signedIn.error)).toBe(true);
  await page.goto(`chrome-extension://${extensionId}/options.html#${tab}`);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

const WORDS = {
  'en-US': {
    lang: 'en',
    split: 'First name and last name in two columns',
    firstName: 'First name (required)',
    lastName: 'Last name (required)',
    preview: 'Preview',
    marcInvited: 'Will be invited',
    held: 'another row gives this email other details; pick one above.',
    workspace: 'EMEA',
    grantButton: 'Connect (2)',
    confirmTitle: 'Connect to Marketo?',
    confirmText: 'Connect 2 members to Marketo, with: EMEA?',
    setOnce: 'Workspaces are set once',
    ready: 'The wait is over: the org is ready',
  },
  fr: {
    lang: 'fr',
    split: 'Prénom et nom dans deux colonnes',
    firstName: 'Prénom (obligatoire)',
    lastName: 'Nom de famille (obligatoire)',
    preview: 'Aperçu',
    marcInvited: 'Sera invité',
    held: 'une autre ligne donne d’autres informations pour cette adresse\u00a0; choisissez-en une ci-dessus.',
    workspace: 'EMEA',
    grantButton: 'Connecter (2)',
    confirmTitle: 'Connecter à Marketo\u00a0?',
    confirmText: 'Connecter 2 membres à Marketo, avec\u00a0: EMEA\u00a0?',
    setOnce: 'Les espaces de travail sont définis une fois pour toutes',
    ready: 'L’attente est terminée\u00a0: l’organisation est prête',
  },
} as const;

for (const [uiLanguage, words] of Object.entries(WORDS)) {
  test.describe(`admin screens in ${words.lang}`, () => {
    test.use({ uiLanguage });

    test('the CSV mapping of a French export: first and last name, a first name alone invited, a conflicting pair held', async ({
      context,
      extensionId,
    }) => {
      const page = await context.newPage();
      await ownerConsole(page, extensionId, 'members');
      await page.locator('input[type="file"]').setInputFiles(CSV('export-fr.csv'));
      await expect(page.getByRole('radio', { name: words.split })).toBeChecked();
      await expect(page.getByLabel(words.firstName)).toHaveValue('0');
      await expect(page.getByLabel(words.lastName)).toHaveValue('1');
      expect(await smallText(page)).toEqual([]);
      await page.screenshot({ path: shot(`csv-mapping-fr-export-${words.lang}`), fullPage: true });
      await expectAccessible(page);

      await page.getByRole('button', { name: words.preview, exact: true }).click();
      const row = (n: number) => page.locator(`[data-testid="csv-row"][data-row="${n}"]`);
      await expect(row(3)).toContainText('Marc');
      await expect(row(3)).toContainText(words.marcInvited);
      // Zoé's two rows disagree on the role: both are held until the admin picks one.
      await expect(row(2)).toContainText(words.held);
      await expect(row(4)).toContainText(words.held);
      await page.screenshot({ path: shot(`csv-preview-fr-export-${words.lang}`), fullPage: true });
    });

    test('Connect asks once, naming the members and the workspaces; the popup says when the org is ready', async ({
      context,
      extensionId,
      worker,
    }) => {
      const page = await context.newPage();
      await page.clock.install();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.evaluate(() => chrome.storage.local.set({ orgLocation: { mode: 'trial' } }));
      await sendFromPage(page, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
      await connectOrgWithMembers(page, TEAM);
      await endWaitingPeriod(worker);
      expect(await badgeText(worker)).toBe('✓');
      await page.goto(`chrome-extension://${extensionId}/options.html#access`);
      await page.clock.fastForward(TEN_MINUTES + 1000);

      const row = (name: string) => page.getByTestId('member-row').filter({ hasText: name });
      await row('Ana Rep').getByRole('checkbox').click();
      await row('Bo Rep').getByRole('checkbox').click();
      await page.getByRole('checkbox', { name: words.workspace, exact: true }).check();
      await page.getByRole('button', { name: words.grantButton, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: words.confirmTitle });
      await expect(dialog).toContainText(words.confirmText);
      await expect(dialog).toContainText(words.setOnce);
      expect(await smallText(page)).toEqual([]);
      await page.screenshot({ path: shot(`connect-confirm-${words.lang}`), fullPage: true });
      await expectAccessible(page);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      const state = await sendFromPage(page, 'getState', {});
      expect(state.value!.grants).toEqual([]);

      const popup = await context.newPage();
      await popup.setViewportSize({ width: 420, height: 640 });
      await popup.clock.install();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await popup.clock.fastForward(TEN_MINUTES + 1000);
      await expect(popup.getByTestId('waiting-ready')).toContainText(words.ready);
      // One banner: the org status shows it; the member list below does not repeat it.
      await expect(popup.locator('.banner')).toHaveCount(1);
      expect(await smallText(popup)).toEqual([]);
      await popup.screenshot({ path: shot(`popup-ready-${words.lang}`), fullPage: true });
      await expectAccessible(popup);
    });
  });
}
