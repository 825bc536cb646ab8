import type { Page } from '@playwright/test';
import { expectAccessible } from './accessibility.ts';
import { expect, sendFromPage, test } from './extension.ts';
import { connectOrgWithMembers, connectToSandbox, endWaitingPeriod, signInAsOwner } from './org-setup.ts';
import { typedAddress, useRealTeamServer, type RealTeamServer } from './real-team-server.ts';
import { openProfile } from './profiles.ts';

/** When the org connection was made, as the page's own view says (the worker's answer to getState). */
async function connectedAt(page: Page): Promise<number | undefined> {
  const state = await sendFromPage(page, 'getState', {});
  const org = state.value?.org;
  return org?.status === 'connected' ? org.connection.connectedAt : undefined;
}

// A trial in one browser becomes the team's org on the real team server (server/, in this process, with its own
// embedded PostgreSQL): "Move this org to a team server" with the owner link, the owner's sign-in there by
// emailed code, and the Marketo client secret entered again without a new waiting period.
test.describe('moving a trial to the real team server', () => {
  let server: RealTeamServer;
  const profiles = useRealTeamServer((started) => void (server = started));
  const serverAddress = () => typedAddress(server);

  test('members, grants and the log move without retyping; the owner re-enters only the secret', async () => {
    test.setTimeout(120_000);
    const owner = await openProfile(profiles);
    const page = await owner.context.newPage();
    let trialConnectedAt = 0;

    await test.step('a trial: the owner connects the org, invites two members and grants one access', async () => {
      await signInAsOwner(page, new URL(owner.origin).host);
      const [ana] = await connectOrgWithMembers(page, [
        { name: 'Ana Rep', email: 'ana@example.com' },
        { name: 'Ben Admin', email: 'ben@example.com', role: 'admin' },
      ]);
      await endWaitingPeriod(owner.worker);
      const granted = await sendFromPage(page, 'grantAccess', { memberIds: [ana!.id], workspaceIds: [] });
      expect(granted.ok, JSON.stringify(granted.error)).toBe(true);
      trialConnectedAt = (await connectedAt(page))!;
      expect(trialConnectedAt).toBeGreaterThan(0);
    });

    await test.step('a link that is not the server’s changes nothing here', async () => {
      await page.reload();
      await page.getByRole('tab', { name: 'Marketo' }).click();
      await page.getByLabel('Owner link from the team server').fill(`${serverAddress()}/claim#NotThePrintedLink`);
      await page.getByLabel('Org name on the team server').fill('Acme');
      await page.getByRole('button', { name: 'Move the org' }).click();
      await expect(page.getByRole('alert')).toContainText('already used');
      // The Marketo tab of a trial: the export and the move, with a refusal shown.
      await expectAccessible(page);
      expect(await server.db.selectFrom('orgs').select('id').execute()).toEqual([]);
      await expect(page.getByTestId('signed-in-as')).toHaveText('Olivia Owner (Admin)');
    });

    await test.step('the move: the owner signs in on the server with the emailed code, and this browser follows', async () => {
      await page.getByLabel('Owner link from the team server').fill(`${serverAddress()}/claim#${server.claimToken}`);
      await page.getByRole('button', { name: 'Move the org' }).click();
      await expect(page.getByTestId('move-done')).toContainText('olivia@example.com');
      await page.getByRole('textbox', { name: 'Code' }).fill((await server.codeFor('olivia@example.com'))!);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect
        .poll(() =>
          page.evaluate(() =>
            chrome.storage.local.get('orgLocation').then((s) => (s.orgLocation as { mode: string }).mode),
          ),
        )
        .toBe('server');
      await page.goto(`${owner.origin}/options.html#access`);
      await expect(page.getByTestId('signed-in-as')).toHaveText('Olivia Owner (Admin)');
      const ana = page.getByTestId('member-row').filter({ hasText: 'ana@example.com' });
      // Ana's grant came along, made by the owner: the ids in the file were renewed together.
      await expect(ana).toContainText('Olivia Owner');
      await expect(ana.getByTestId('member-access')).not.toBeEmpty();
      await expect(page.getByTestId('member-row').filter({ hasText: 'ben@example.com' })).toBeVisible();
    });

    await test.step('the org needs its secret; the same connection again keeps the waiting period', async () => {
      const [org] = await server.db.selectFrom('orgs').select(['id', 'name']).execute();
      expect(org!.name).toBe('Acme');
      expect(await server.db.selectFrom('org_secret').selectAll().execute()).toEqual([]);
      await page.getByRole('tab', { name: 'Marketo' }).click();
      await expect(page.getByTestId('needs-secret')).toBeVisible();
      await expectAccessible(page);
      await connectToSandbox(page);
      await expect(page.getByTestId('needs-secret')).toHaveCount(0);
      expect(await connectedAt(page)).toBe(trialConnectedAt);
      expect(await server.db.selectFrom('org_secret').selectAll().execute()).toHaveLength(1);
    });
  });
});
