import { readFileSync } from 'node:fs';
import { expectAccessible } from './accessibility.ts';
import { expect, sendFromPage, test } from './extension.ts';
import { signInAsOwner } from './org-setup.ts';

test('Activity shows the invites, follows new ones, filters by kind and exports CSV', async ({
  context,
  extensionId,
  workerErrors,
}) => {
  const page = await context.newPage();
  await signInAsOwner(page, extensionId);
  const invited = await sendFromPage(page, 'inviteMembers', {
    rows: [
      { name: 'Ana Rep', email: 'ana@example.com' },
      // A name a spreadsheet would run as a formula: the export must keep it as text.
      { name: '=HYPERLINK("http://evil.example")', email: 'formula@example.com' },
    ],
  });
  expect(invited.ok, JSON.stringify(invited.error)).toBe(true);

  await page.getByRole('tab', { name: 'Activity' }).click();
  const rows = page.getByTestId('activity-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('Invited =HYPERLINK("http://evil.example") (formula@example.com)');
  await expect(rows.nth(1)).toContainText('Olivia Owner');
  await expect(rows.nth(1)).toContainText('Invited Ana Rep (ana@example.com)');
  await expect(rows.nth(2)).toContainText('Signed in to Marketo Access');
  await expect(rows.nth(3)).toContainText('Created the org, with Olivia Owner as its first admin');

  // A change made elsewhere shows up without a reload.
  await sendFromPage(page, 'inviteMember', { name: 'Bo Rep', email: 'bo@example.com' });
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('Invited Bo Rep (bo@example.com)');

  await page.getByLabel('Show').selectOption({ label: 'Members invited' });
  await expect(rows).toHaveCount(3);
  await expectAccessible(page);
  await page.getByLabel('Show').selectOption({ label: 'All activity' });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^marketo-access-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('Time (UTC),Who,Who (id),Kind,Member,Member (id),What,Details');
  expect(lines).toHaveLength(6);
  expect(lines.filter((l) => l.includes(',member-invited,'))).toHaveLength(3);
  expect(text).toContain('Invited Ana Rep (ana@example.com)');
  expect(text).toContain('Invited Bo Rep (bo@example.com)');
  // The formula is quoted: a leading apostrophe keeps it text in Excel and Sheets.
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  expect(workerErrors).toEqual([]);
});
