import type { Page } from '@playwright/test';
import { aMember } from '../fixtures/domain.ts';
import { seedOrg } from '../../server/testing/seed.ts';
import { expectAccessible } from './accessibility.ts';
import { expect, test } from './extension.ts';
import { typedAddress, useRealTeamServer, type RealTeamServer } from './real-team-server.ts';
import { signInByCode } from './org-setup.ts';
import { openProfile } from './profiles.ts';

// One person, two orgs on one real team server: Pat is an admin of Alpha and a rep of Bravo. After the
// emailed code Pat chooses the org; the popup and the options page show it and switch; the choice is
// remembered for the next sign-in.
test.describe('a person in two orgs of the real team server', () => {
  let server: RealTeamServer;
  const profiles = useRealTeamServer(async (started) => {
    server = started;
    const now = server.clock.now();
    await seedOrg(
      server.db,
      {
        name: 'Alpha',
        members: [
          aMember({ id: 'ada', name: 'Ada Owner', email: 'ada@example.com', role: 'admin', status: 'active' }),
          aMember({ id: 'pat', name: 'Pat Person', email: 'pat@example.com', role: 'admin', status: 'active' }),
        ],
      },
      now - 2,
    );
    await seedOrg(
      server.db,
      {
        name: 'Bravo',
        members: [
          aMember({ id: 'bo', name: 'Bo Owner', email: 'bo@example.com', role: 'admin', status: 'active' }),
          aMember({ id: 'pat', name: 'Pat Person', email: 'pat@example.com', role: 'user', status: 'active' }),
        ],
      },
      now - 1,
    );
  });
  const serverAddress = () => typedAddress(server);

  const signIn = (page: Page) => signInByCode(page, 'pat@example.com', (email) => server.codeFor(email));

  const patSessions = async () =>
    (
      await server.db
        .selectFrom('session')
        .innerJoin('orgs', 'orgs.id', 'session.orgId')
        .select('orgs.name')
        .where('session.memberId', '=', 'pat')
        .execute()
    ).map((s) => s.name);

  test('signs in, chooses Bravo (a rep there), switches to Alpha (an admin there) from the popup, and is not asked again', async () => {
    test.setTimeout(90_000);
    const pat = await openProfile(profiles);
    const options = await pat.context.newPage();

    await test.step('after the code, Pat chooses the org; Bravo shows Pat as a rep', async () => {
      await options.goto(`${pat.origin}/options.html`);
      await options.getByRole('radio', { name: 'Team server' }).check();
      await options.getByLabel('Team server address').fill(serverAddress());
      await options.getByRole('button', { name: 'Use this server' }).click();
      await signIn(options);
      await expect(options.getByRole('heading', { name: 'Choose an org' })).toBeVisible();
      await expectAccessible(options);
      await options.getByRole('button', { name: 'Bravo (User)' }).click();
      await expect(options.getByTestId('signed-in-as')).toHaveText('Pat Person (User)');
      await expect(options.getByTestId('signed-in-org')).toHaveText('Org: Bravo');
      await expect(options.getByTestId('rep-status')).toBeVisible();
      expect(await patSessions()).toEqual(['Bravo']);
    });

    await test.step('the popup shows Bravo and switches to Alpha, where Pat is an admin; the options page follows', async () => {
      const popup = await pat.context.newPage();
      await popup.goto(`${pat.origin}/popup.html`);
      await expect(popup.getByTestId('signed-in-org')).toHaveText('Org: Bravo');
      await expect(popup.getByTestId('rep-status')).toBeVisible();
      await popup.getByRole('button', { name: 'Switch org' }).click();
      await popup.getByRole('button', { name: 'Alpha (Admin)' }).click();
      await expect(popup.getByTestId('signed-in-as')).toHaveText('Pat Person (Admin)');
      await expect(popup.getByTestId('signed-in-org')).toHaveText('Org: Alpha');
      await expect(popup.getByTestId('org-status')).toBeVisible();
      await expect(options.getByTestId('signed-in-org')).toHaveText('Org: Alpha');
      await expect(options.getByRole('tab', { name: 'Team Management' })).toBeVisible();
      await expect(options.getByText('Bo Owner')).toHaveCount(0);
      // The switch ended Bravo's session: one session, Alpha's.
      expect(await patSessions()).toEqual(['Alpha']);
      await popup.close();
    });

    await test.step('signed out and in again, Pat lands in Alpha, the remembered org, without being asked', async () => {
      await options.getByRole('button', { name: 'Sign out' }).click();
      await expect(options.getByRole('heading', { name: 'Sign in to your team' })).toBeVisible();
      await signIn(options);
      await expect(options.getByTestId('signed-in-org')).toHaveText('Org: Alpha');
      await expect(options.getByRole('heading', { name: 'Choose an org' })).toHaveCount(0);
      await expect(options.getByTestId('signed-in-as')).toHaveText('Pat Person (Admin)');
      // The switch from the options page: back to Bravo.
      await options.getByRole('button', { name: 'Switch org' }).click();
      await options.getByRole('button', { name: 'Bravo (User)' }).click();
      await expect(options.getByTestId('signed-in-as')).toHaveText('Pat Person (User)');
      expect(await patSessions()).toEqual(['Bravo']);
    });
  });
});
