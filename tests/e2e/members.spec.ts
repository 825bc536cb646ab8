import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expectAccessible } from './accessibility.ts';
import { expect, sendFromPage, test } from './extension.ts';
import { chooseThisBrowser, signInAsOwner } from './org-setup.ts';

const CSV = (name: string) => join(import.meta.dirname, '../fixtures/csv', name);

const memberEmails = async (page: Page) => {
  const state = await sendFromPage(page, 'getState', {});
  return (state.value!.members as { email: string }[]).map((m) => m.email).sort();
};
const csvRow = (page: Page, row: number) => page.locator(`[data-testid="csv-row"][data-row="${row}"]`);
const memberRow = (page: Page, name: string) => page.getByTestId('members-table-row').filter({ hasText: name });

async function openTeam(page: Page, extensionId: string) {
  await signInAsOwner(page, extensionId);
  await page.getByRole('tab', { name: 'Team Management' }).click();
}

test('Invite from CSV: a per-row report, and only the good rows become members', async ({
  context,
  extensionId,
  workerErrors,
}) => {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openTeam(page, extensionId);

  // Ana is a member already: her row in the file is a duplicate.
  const invite = page.getByRole('form', { name: 'Invite a member' });
  await invite.getByLabel('Name').fill('Ana Rep');
  await invite.getByLabel('Email').fill('ana@example.com');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(memberRow(page, 'Ana Rep')).toContainText('Invited');

  // A UTF-8 file with a byte-order mark, semicolons, French headers, a blank line and a bad row.
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(CSV('members-with-bad-rows.csv'));
  const mapping = page.getByRole('form', { name: 'Match the columns' });
  await expect(mapping.getByLabel('Full name (required)')).toHaveValue('0');
  await expect(mapping.getByLabel('Email (required)')).toHaveValue('1');
  await expect(mapping.getByLabel('Role')).toHaveValue('2');
  await expect(mapping.getByLabel('Teams')).toHaveValue('3');
  await mapping.getByRole('button', { name: 'Preview' }).click();

  await expect(page.getByTestId('csv-preview-summary')).toHaveText('Rows that will be invited: 2 of 4.');
  await expect(csvRow(page, 2)).toContainText('Will be invited');
  await expect(csvRow(page, 3)).toContainText('The email address must contain exactly one @');
  await expect(csvRow(page, 5)).toContainText('Someone on the team already has this email address.');
  await expect(csvRow(page, 6)).toContainText('Will be invited');
  await expectAccessible(page);
  expect(await memberEmails(page)).toEqual(['ana@example.com', 'olivia@example.com']);

  await page.getByRole('button', { name: 'Import 2 members' }).click();
  await expect(page.getByTestId('csv-report-summary')).toHaveText('Members invited: 2. Rows not imported: 2.');
  await expect(csvRow(page, 2)).toContainText('Invited');
  await expect(csvRow(page, 2)).toContainText('EMEA, Sales');
  await expect(csvRow(page, 3)).toContainText('Not invited:');
  await expect(csvRow(page, 5)).toContainText('Not invited:');
  await expect(csvRow(page, 6)).toContainText('Invited');
  await expectAccessible(page);

  expect(await memberEmails(page)).toEqual([
    'ana@example.com',
    'kim@example.com',
    'olivia@example.com',
    'zoe@example.com',
  ]);
  await expect(memberRow(page, 'Zoé Martin')).toContainText('Admin');
  await expect(memberRow(page, 'Zoé Martin')).toContainText('EMEA, Sales');
  await expect(memberRow(page, 'Smith; Kim')).toContainText('User (sales rep)');
  await expect(page.getByTestId('seats-used')).toHaveText('Seats used: 4 of 100');
  await expect(page.getByTestId('teams-used')).toHaveText('Teams: 3 of 20');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByLabel('CSV file', { exact: true })).toBeFocused();

  expect(pageErrors).toEqual([]);
  expect(workerErrors).toEqual([]);
});

test('Cancel at every step of a CSV import imports nothing; a file that is not CSV is refused', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await openTeam(page, extensionId);

  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'team.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from('PK\u0003\u0004'),
  });
  await expect(page.getByRole('alert')).toContainText('team.xlsx is a spreadsheet, not a CSV file');

  // Cancel on the column step.
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(CSV('members-good.csv'));
  await page.getByRole('form', { name: 'Match the columns' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('CSV file', { exact: true })).toBeFocused();

  // Cancel on the preview.
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(CSV('members-good.csv'));
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('button', { name: 'Import 2 members' })).toBeEnabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('csv-row')).toHaveCount(0);

  expect(await memberEmails(page)).toEqual(['olivia@example.com']);
  const log = await sendFromPage(page, 'getActivity', {});
  expect((log.value as { kind: string }[]).filter((e) => e.kind === 'member-invited')).toEqual([]);
  await expect(page.getByTestId('seats-used')).toHaveText('Seats used: 1 of 100');
});

test('change a member’s role and teams, then remove them after a confirmation', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openTeam(page, extensionId);
  const invited = await sendFromPage(page, 'inviteMembers', { rows: [{ name: 'Ana Rep', email: 'ana@example.com' }] });
  expect(invited.ok).toBe(true);

  await page.getByRole('button', { name: 'Edit Ana Rep' }).click();
  const editor = page.getByRole('form', { name: 'Role and teams of Ana Rep' });
  await expect(editor.getByLabel('Role')).toBeFocused();
  await editor.getByLabel('Role').selectOption('admin');
  await editor.getByLabel('Everyone').uncheck();
  await editor.getByLabel('New teams').fill('EMEA');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
  await expect(memberRow(page, 'Ana Rep')).toContainText('Admin');
  await expect(memberRow(page, 'Ana Rep')).toContainText('EMEA');
  await expect(page.getByTestId('teams-used')).toHaveText('Teams: 2 of 20');

  await page.getByRole('button', { name: 'Remove Ana Rep' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Ana Rep from the team?' });
  await expect(dialog).toContainText('Ana Rep (ana@example.com) leaves the team and frees a seat.');
  await expect(dialog.getByRole('button', { name: 'Keep' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(memberRow(page, 'Ana Rep')).toHaveCount(1);

  await page.getByRole('button', { name: 'Remove Ana Rep' }).click();
  await dialog.getByRole('button', { name: 'Remove Ana Rep' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(memberRow(page, 'Ana Rep')).toHaveCount(0);
  expect(await memberEmails(page)).toEqual(['olivia@example.com']);
});

test.describe('in French', () => {
  test.use({ uiLanguage: 'fr' });

  test('the CSV preview speaks French', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#members`);
    await chooseThisBrowser(page, { choice: /Ce navigateur seulement/, start: 'Commencer l’essai dans ce navigateur' });
    await page.getByLabel('Nom').fill('Olivia Owner');
    await page.getByLabel('E-mail professionnel').fill('olivia@example.com');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await expect(page.getByRole('form', { name: 'Inviter un membre' })).toBeVisible();
    await page.getByLabel('Fichier CSV', { exact: true }).setInputFiles(CSV('members-with-bad-rows.csv'));
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await expect(page.getByTestId('csv-preview-summary')).toHaveText('Lignes qui seront invitées : 3 sur 4.');
    await expect(csvRow(page, 3)).toContainText('L’adresse e-mail doit contenir un seul @');
    await expect(page.getByRole('button', { name: 'Importer 3 membres' })).toBeEnabled();
  });
});
