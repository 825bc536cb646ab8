import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { seedOrg } from '../../server/testing/seed.ts';
import { callCommand } from '../../server/testing/http.ts';
import { startTestIdp, type TestIdp } from '../doubles/oidc-provider.ts';
import { aMember } from '../fixtures/domain.ts';
import { expectAccessible } from './accessibility.ts';
import { signInByCode } from './org-setup.ts';
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
  await expectAccessible(page);
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

test('each answer that fails a check is refused in the page, and nobody is signed in or created', async () => {
  test.setTimeout(120_000);
  const rows = async () => {
    const [members, users, sessions] = await Promise.all([
      server.db.selectFrom('members').select('id').execute(),
      server.db
        .selectFrom('user' as never)
        .select('id' as never)
        .execute(),
      server.db.selectFrom('session').select('id').execute(),
    ]);
    return [members.length, users.length, sessions.length];
  };
  const rita = await openProfile(profiles);
  const page = await toSignIn(rita, 'ana@example.com');
  // Another attempt of this browser, started beside the one the page makes: its state on the page's code.
  const otherAttempt = async () => {
    const started = await fetch(`${address}/api/sso/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        providerId: (await server.db.selectFrom('org_identity').select('provider_id').executeTakeFirstOrThrow())
          .provider_id,
        redirectUri: `https://${new URL(rita.origin).host}.chromiumapp.org/sso`,
        handoffChallenge: 'b'.repeat(43),
      }),
    });
    const answer = (await started.json()) as { value: { url: string } };
    idp.forgeState(new URL(answer.value.url).searchParams.get('state')!);
  };
  const cases: [string, () => void | Promise<void>, string][] = [
    ['another attempt’s state', otherAttempt, 'failed a security check'],
    ['a wrong issuer', () => idp.tamper({ iss: 'https://other.example' }), 'failed a security check'],
    ['a wrong audience', () => idp.tamper({ aud: 'another-client' }), 'failed a security check'],
    ['a wrong nonce', () => idp.tamper({ nonce: 'not-the-attempts' }), 'failed a security check'],
    // The server's clock five minutes on: the provider's 60-second ID token is past its time.
    ['an expired ID token', () => server.clock.advance(5 * 60_000), 'failed a security check'],
    [
      'email_verified: false',
      () => idp.signInAs({ email: 'ana@example.com', email_verified: false }),
      'has not verified your email',
    ],
  ];
  for (const [what, arrange, words] of cases) {
    await test.step(what, async () => {
      idp.signInAs({ email: 'ana@example.com', name: 'Ana Rep' });
      idp.tamper(undefined);
      idp.forgeState(undefined);
      server.clock.set(Date.now());
      await arrange();
      const before = await rows();
      await page.getByRole('button', { name: 'Sign in with Okta' }).click();
      await expect(page.getByText(words, { exact: false })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
      expect(await rows()).toEqual(before);
    });
  }
  idp.tamper(undefined);
  idp.forgeState(undefined);
  server.clock.set(Date.now());
});

test('the owner requires the company sign-in only after signing in with it; then no emailed code goes out', async () => {
  test.setTimeout(120_000);
  await test.step('signed in with a code, the owner cannot require it yet', async () => {
    const byCode = await openProfile(profiles);
    const page = await byCode.context.newPage();
    await page.goto(`${byCode.origin}/options.html`);
    await page.getByRole('radio', { name: 'Team server' }).check();
    await page.getByLabel('Team server address').fill(address);
    await page.getByRole('button', { name: 'Use this server' }).click();
    await signInByCode(page, 'olivia@example.com', (email) => server.codeFor(email));
    await expect(page.getByTestId('signed-in-as')).toContainText('Olivia Owner');
    await page.getByRole('tab', { name: 'Marketo' }).click();
    const panel = page.getByTestId('identity-panel');
    await expect(panel.getByLabel('Issuer URL')).toHaveValue(idp.issuer);
    await expectAccessible(page);
    // Refused: the choice does not stay (a click: Playwright's check() insists on the new state at once).
    await panel.getByRole('radio', { name: /Company sign-in only/ }).click();
    await expect(
      panel.getByText('Sign in once with the company sign-in yourself first', { exact: false }),
    ).toBeVisible();
    await expect(panel.getByRole('radio', { name: /Emailed codes and passkeys/ })).toBeChecked();
  });
  await test.step('after the owner’s SSO sign-in the policy is set, and a rep asking for a code gets none', async () => {
    const bySso = await openProfile(profiles);
    idp.signInAs({ email: 'olivia@example.com', name: 'Olivia Owner' });
    const page = await toSignIn(bySso, 'olivia@example.com');
    await page.getByRole('button', { name: 'Sign in with Okta' }).click();
    await expect(page.getByTestId('signed-in-as')).toContainText('Olivia Owner', { timeout: 30_000 });
    await page.getByRole('tab', { name: 'Marketo' }).click();
    const panel = page.getByTestId('identity-panel');
    // The radio shows the server's policy: checked once the answer says so.
    await panel.getByRole('radio', { name: /Company sign-in only/ }).click();
    await expect(panel.getByRole('radio', { name: /Company sign-in only/ })).toBeChecked();
    const policy = await server.db.selectFrom('org_identity').select('policy').executeTakeFirstOrThrow();
    expect(policy.policy).toBe('sso-only');

    server.outbox.messages.length = 0;
    const rep = await openProfile(profiles);
    const repPage = await rep.context.newPage();
    await repPage.goto(`${rep.origin}/options.html`);
    await repPage.getByRole('radio', { name: 'Team server' }).check();
    await repPage.getByLabel('Team server address').fill(address);
    await repPage.getByRole('button', { name: 'Use this server' }).click();
    await repPage.getByRole('textbox', { name: 'Work email' }).fill('ana@example.com');
    await repPage.getByRole('button', { name: 'Email me a code' }).click();
    // The same answer as for anyone (nothing says who is a member), but no code was mailed.
    await expect(repPage.getByText('a code is on its way there', { exact: false })).toBeVisible();
    // The page says why, from the email's domain (an org's policy, not whether this email is a member).
    await expect(repPage.getByRole('note')).toHaveText(
      'Your org signs you in with Okta only: no code is emailed. Use the button below.',
    );
    await expect(repPage.getByRole('button', { name: 'Sign in with Okta' })).toBeVisible();
    expect(await server.codeFor('ana@example.com')).toBeUndefined();
  });
});
