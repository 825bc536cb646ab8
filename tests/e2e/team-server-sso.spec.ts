import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { seedOrg } from '../../server/testing/seed.ts';
import { callCommand } from '../../server/testing/http.ts';
import { startTestIdp, type TestIdp } from '../doubles/oidc-provider.ts';
import { aMember } from '../fixtures/domain.ts';
import { openProfile, type Profile } from './profiles.ts';
import { startRealTeamServer, type RealTeamServer } from './real-team-server.ts';

// The company sign-in end to end in Chromium: the built extension, the real team server and a real OpenID
// provider (oidc-provider) on loopback; the provider's login is answered by the test (it says who signs in), and
// the browser's identity window (launchWebAuthFlow) carries the rest.
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

let server: RealTeamServer;
let idp: TestIdp;
let address: string;
const profiles: Profile[] = [];

test.beforeAll(async () => {
  const port = await freePort();
  address = `http://localhost:${port}`;
  idp = await startTestIdp({ redirectUris: [`${address}/api/sso/callback`] });
  server = await startRealTeamServer({ port, publicUrl: address });
  await seedOrg(server.db, {
    name: 'Acme',
    members: [
      aMember({ id: 'olivia', name: 'Olivia Owner', email: 'olivia@example.com', role: 'admin', status: 'active' }),
      aMember({ id: 'ana', name: 'Ana Rep', email: 'ana@example.com' }),
    ],
  });
  const token = await server.signIn('olivia@example.com');
  const set = await callCommand(
    server.url,
    'setIdentityProvider',
    {
      name: 'Okta',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      domains: ['example.com'],
    },
    { token },
  );
  expect(set.body.ok, JSON.stringify(set.body)).toBe(true);
});
test.afterAll(async () => {
  for (const profile of profiles.splice(0)) await profile.close().catch(() => undefined);
  await server?.close();
  await idp?.close();
});

async function toSignIn(profile: Profile, email: string): Promise<Page> {
  const page = await profile.context.newPage();
  await page.goto(`${profile.origin}/options.html`);
  await page.getByRole('radio', { name: 'Team server' }).check();
  await page.getByLabel('Team server address').fill(address);
  await page.getByRole('button', { name: 'Use this server' }).click();
  await page.getByRole('textbox', { name: 'Work email' }).fill(email);
  await page.getByRole('button', { name: 'Find my company sign-in' }).click();
  return page;
}

test('a member signs in with the company sign-in; someone the provider knows but the org never invited is refused', async () => {
  test.setTimeout(90_000);
  const ana = await openProfile(profiles);
  idp.signInAs({ email: 'ana@example.com', name: 'Ana Rep' });
  const page = await toSignIn(ana, 'ana@example.com');
  await page.getByRole('button', { name: 'Sign in with Okta' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Ana Rep', { timeout: 30_000 });

  const stranger = await openProfile(profiles);
  idp.signInAs({ email: 'sam@example.com', name: 'Sam Stranger' });
  const users = async () => (await server.db.selectFrom('members').select('id').execute()).length;
  const before = await users();
  const refused = await toSignIn(stranger, 'sam@example.com');
  await refused.getByRole('button', { name: 'Sign in with Okta' }).click();
  await expect(refused.getByText('this org has not invited you', { exact: false })).toBeVisible({ timeout: 30_000 });
  expect(await users()).toBe(before);
});
