import { expectAccessible } from './accessibility.ts';
import { expect, test } from './extension.ts';
import { sandboxSettings } from './org-setup.ts';
import { openProfile, type Profile } from './profiles.ts';
import { startRealTeamServer, type RealTeamServer } from './real-team-server.ts';
import { scimClient } from '../../server/testing/scim.ts';

// The owner's SCIM token settings and the Team tab's marks, in the built extension against the real team
// server: the token made with the keyboard only, shown once, used by a "directory" (this test over HTTP).
test.describe('the company directory in the options page', () => {
  let server: RealTeamServer;
  const profiles: Profile[] = [];
  const serverAddress = () => server.url.replace('//127.0.0.1:', '//localhost:');

  test.beforeAll(async () => {
    server = await startRealTeamServer();
  });
  test.afterAll(async () => {
    for (const profile of profiles.splice(0)) await profile.close().catch(() => undefined);
    await server?.close();
  });

  test('the owner makes a SCIM token with the keyboard; members from the directory and deactivated ones show', async () => {
    test.setTimeout(120_000);
    const owner = await openProfile(profiles);
    const { url, credentials } = sandboxSettings();
    const page = await owner.context.newPage();
    await page.goto(
      `${owner.origin}/options.html#claim=${server.claimToken}&server=${encodeURIComponent(serverAddress())}`,
    );
    await page.getByLabel('Org name').fill('Acme');
    await page.getByLabel('Name', { exact: true }).fill('Olivia Owner');
    await page.getByLabel('Work email').fill('olivia@example.com');
    await page.getByRole('button', { name: 'Create the org' }).click();
    await expect(page.getByText('a code is on its way there', { exact: false })).toBeVisible();
    await page.getByRole('textbox', { name: 'Code' }).fill((await server.codeFor('olivia@example.com'))!);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveText('Olivia Owner (Admin)');
    // Only the owner (who made the Marketo connection) has tokens to make.
    await page.getByRole('tab', { name: 'Marketo' }).click();
    await page.getByLabel('Munchkin ID').fill(credentials.munchkinId);
    await page.getByLabel('Client ID').fill(credentials.clientId);
    await page.getByLabel('Client Secret').fill(credentials.clientSecret);
    await page.getByText('Advanced: endpoints').click();
    await page.getByLabel('REST endpoint').fill(`${url}/rest`);
    await page.getByLabel('Identity endpoint').fill(`${url}/identity`);
    await page.getByRole('button', { name: 'Connect to Marketo' }).click();
    await expect(page.getByTestId('org-status')).toContainText(`Connected to ${credentials.munchkinId}`);

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
