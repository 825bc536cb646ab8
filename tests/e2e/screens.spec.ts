import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expectAccessible, smallText } from './accessibility.ts';
import { expect, sendFromPage, test } from './extension.ts';
import { connectOrgWithMembers, endWaitingPeriod, TEN_MINUTES } from './org-setup.ts';

// One visual language (issue 19): every main screen in both languages and both colour schemes, written to
// test-results/screenshots/<screen>-<language>-<scheme>.png, each axe clean (serious and critical) and with no text
// under 14 px; the popup's table fits its 420 px; a dialog's backdrop dims the whole page, header included.

const CSV = join(import.meta.dirname, '../fixtures/csv/export-fr.csv');
const MEMBERS = [
  { name: 'Ana Rep', email: 'ana@example.com' },
  { name: 'Bo Rep', email: 'bo@example.com' },
  { name: 'Nadia Admin', email: 'nadia@example.com', role: 'admin' as const },
];
const WORDS = {
  'en-US': { lang: 'en', preview: 'Preview', grantButton: /^Connect \(1\)$/ },
  fr: { lang: 'fr', preview: 'Aperçu', grantButton: /^Connecter \(1\)$/ },
} as const;

for (const [uiLanguage, words] of Object.entries(WORDS)) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`screens in ${words.lang}, ${scheme}`, () => {
      test.use({ uiLanguage });

      test(`first run, Marketo tab, Connect confirmation, CSV conflict and popup (${words.lang}, ${scheme})`, async ({
        context,
        extensionId,
        worker,
      }) => {
        test.setTimeout(90_000);
        const shoot = async (page: Page, screen: string, fullPage = true) => {
          expect(await smallText(page), `${screen}: text under 14 px`).toEqual([]);
          await page.screenshot({ path: `test-results/screenshots/${screen}-${words.lang}-${scheme}.png`, fullPage });
          await expectAccessible(page);
        };
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.clock.install();
        const options = (tab = '') => page.goto(`chrome-extension://${extensionId}/options.html${tab}`);

        await options();
        // The scheme reached the page: the tokens' background differs between the two.
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe(scheme === 'dark' ? 'rgb(17, 19, 24)' : 'rgb(255, 255, 255)');
        await expect(page.locator('input[name="serverUrl"]')).toBeVisible();
        await shoot(page, 'first-run');

        await page.evaluate(() => chrome.storage.local.set({ orgLocation: { mode: 'trial' } }));
        expect((await sendFromPage(page, 'signIn', { name: 'Olivia Owner', email: 'olivia@example.com' })).ok).toBe(
          true,
        );
        const [ana] = await connectOrgWithMembers(page, MEMBERS);
        await endWaitingPeriod(worker);
        await page.clock.fastForward(TEN_MINUTES + 1000);
        expect((await sendFromPage(page, 'grantAccess', { memberIds: [ana!.id], workspaceIds: [] })).ok).toBe(true);

        // The Marketo tab: the connection, the handover's three steps, the reconnect form checking a Munchkin ID as typed.
        await options('#marketo');
        await expect(page.getByTestId('handover')).toBeVisible();
        await page.locator('details summary').first().click();
        await page.locator('input[name="munchkinId"]').fill('12A');
        await expect(page.locator('#munchkinId-note')).toHaveClass(/wrong/);
        await shoot(page, 'marketo');

        // User Access: a grant asks once, naming the member; the backdrop dims the whole viewport, header included.
        await options('#access');
        await page.getByTestId('member-row').filter({ hasText: 'Bo Rep' }).getByRole('checkbox').check();
        await page.getByRole('button', { name: words.grantButton }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog.getByTestId('confirm-names')).toHaveText('Bo Rep');
        const hits = await page.evaluate(() =>
          [
            [2, 2],
            [innerWidth - 3, 2],
            [2, innerHeight - 3],
          ].map(([x, y]) => document.elementFromPoint(x!, y!)?.tagName),
        );
        // Every corner of the viewport is the dialog's backdrop, never the page under it.
        expect(hits).toEqual(['DIALOG', 'DIALOG', 'DIALOG']);
        // The viewport, as the admin sees it: a full-page capture of a scrolled page would show the fixed backdrop
        // shifted, leaving the top of the page undimmed in the picture only.
        await shoot(page, 'connect-confirm', false);
        await page.keyboard.press('Escape');

        // Team Management (the members): two rows give one email different roles, both held until the admin picks one.
        await options('#members');
        await page.locator('input[type="file"]').setInputFiles(CSV);
        await page.getByRole('button', { name: words.preview, exact: true }).click();
        await expect(page.getByTestId('csv-conflict')).toBeVisible();
        await shoot(page, 'csv-conflict');

        // The popup at its real width: nothing wider than 420 px, no access cell cut short.
        const popup = await context.newPage();
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.setViewportSize({ width: 420, height: 640 });
        await popup.clock.install();
        await popup.goto(`chrome-extension://${extensionId}/popup.html`);
        await popup.clock.fastForward(TEN_MINUTES + 1000);
        await expect(popup.getByTestId('member-row')).toHaveCount(4);
        expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
        const cut = await popup
          .getByTestId('member-access')
          .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
        expect(cut).toEqual([]);
        await shoot(popup, 'popup-admin');
      });
    });
  }
}
