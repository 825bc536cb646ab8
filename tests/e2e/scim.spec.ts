import { expectAccessible } from './accessibility.ts';
import { expect, test } from './extension.ts';
import { claimAndConnect } from './org-setup.ts';
import { openProfile } from './profiles.ts';
import { typedAddress, useRealTeamServer, type RealTeamServer } from './real-team-server.ts';
import { scimClient } from '../../server/testing/scim.ts';

// The owner's SCIM token settings and the Team tab's marks, in the built extension against the real team
// server: the token made with the keyboard only, shown once, used by a "directory" (this test over HTTP).
test.describe('the company directory in the options page', () => {
  let server: RealTeamServer;
  const profiles = useRealTeamServer((started) => void (server = started));
  const serverAddress = () => typedAddress(server);

  test('the owner makes a SCIM token with the keyboard; members from the directory and deactivated ones show', async () => {
    test.setTimeout(120_000);
    const owner = await openProfile(profiles);
    const page = await owner.context.newPage();
    // Only the owner (who made the Marketo connection) has tokens to make.
    await claimAndConnect(page, { origin: owner.origin, serverAddress: serverAddress(), server });

    await page.getByRole('tab', { name: 'Team Management' }).click();
    const panel = page.getByTestId('directory-tokens');
    await expect(panel.getByTestId('scim-base-url')).toHaveValue(`${serverAddress()}/scim/v2`);
    await expect(panel.getByTestId('scim-no-tokens')).toBeVisible();
    // Keyboard only: focus the name, type, Enter; the secret is selected for copying; Tab reaches Copy, then Done.
    await panel.getByLabel('Token name').focus();
    await page.keyboard.type('Okta');
    await page.keyboard.press('Enter');
    const secretField = panel.getByLabel('New token (shown once)');
    await expect(secretField).toBeFocused();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^mascim_/);
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name: 'Copy token' })).toBeFocused();
    await expect(panel.getByTestId('scim-tokens')).toContainText('Okta');
    await expect(panel.getByTestId('scim-tokens')).toContainText('Never');
    await expectAccessible(page);

    // The directory provisions one member and deactivates another.
    const scim = scimClient(server.url, secret);
    const made = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'dee@example.com',
      name: { givenName: 'Dee', familyName: 'Directory' },
    });
    expect(made.status).toBe(201);
    const gone = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'gil@example.com',
      name: { givenName: 'Gil', familyName: 'Gone' },
    });
    expect(
      (
        await scim('PATCH', `/Users/${gone.body.id}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
        })
      ).status,
    ).toBe(200);

    // The page follows the change feed: the marks appear without a reload.
    const row = (name: string) => page.getByTestId('members-table-row').filter({ hasText: name });
    await expect(row('Dee Directory')).toContainText('managed by your directory');
    await expect(row('Gil Gone')).toContainText('Deactivated');
    await expect(row('Olivia Owner')).not.toContainText('managed by your directory');
    await expect(page.getByTestId('seats-used')).toHaveText('Seats used: 2 of 100');

    // Done: the secret leaves the page; the list shows the token's last use.
    await panel.getByRole('button', { name: 'Done' }).press('Enter');
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.reload();
    await page.getByRole('tab', { name: 'Team Management' }).click();
    await expect(panel.getByTestId('scim-tokens')).not.toContainText('Never');
    await panel.getByRole('button', { name: 'Revoke the token “Okta”' }).press('Enter');
    await expect(panel.getByTestId('scim-no-tokens')).toBeVisible();
    expect((await scim('GET', '/Users')).status).toBe(401);
    await expectAccessible(page);
  });
});
