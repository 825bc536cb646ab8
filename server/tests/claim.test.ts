import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, issueClaimIfEmpty } from '../claim/owner-claim.ts';
import { httpRequest } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const CLAIM = '/api/commands/claimOrg';
const claim = (body: unknown) =>
  fetch(`${t.url}${CLAIM}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });

describe('the first owner', () => {
  it('comes from the one-time claim link, which works once', async () => {
    const token = (await issueClaimIfEmpty(t.db, t.clock.now()))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const rows = await t.db.selectFrom('owner_claims').selectAll().execute();
    expect(rows).toEqual([{ token_hash: hashToken(token), created_at: t.clock.now(), used_at: null }]);

    expect(
      (await claim({ token: 'not-it', orgName: 'Acme', name: 'Olivia', email: 'olivia@example.com' })).status,
    ).toBe(403);
    const first = await claim({ token, orgName: ' Acme  Corp ', name: 'Olivia Owner', email: 'Olivia@Example.com' });
    expect(first.status).toBe(200);
    const { value } = await first.json();
    expect(value.member).toMatchObject({ name: 'Olivia Owner', email: 'olivia@example.com', role: 'admin' });
    expect((await t.db.selectFrom('orgs').select('name').execute()).map((o) => o.name)).toEqual(['Acme Corp']);

    const again = await claim({ token, orgName: 'Second', name: 'Mallory', email: 'mallory@example.com' });
    expect(again.status).toBe(403);
    expect((await again.json()).error.code).toBe('not-invited');
    expect(await t.db.selectFrom('orgs').select('id').execute()).toHaveLength(1);

    // The owner then signs in with an emailed code like anyone, and is the org's admin.
    const bearer = await t.signIn('olivia@example.com');
    const session = await (
      await fetch(`${t.url}/api/session`, { headers: { authorization: `Bearer ${bearer}` } })
    ).json();
    expect(session).toMatchObject({ orgName: 'Acme Corp', member: { role: 'admin', status: 'active' } });
  });

  it('is not offered again once an org exists', async () => {
    expect(await issueClaimIfEmpty(t.db, t.clock.now())).toBeUndefined();
  });

  it('refuses a malformed claim with 400', async () => {
    expect((await claim({ token: 'x' })).status).toBe(400);
  });
});

describe('the claim page', () => {
  it('is served with a strict CSP, and only a post from PUBLIC_URL’s origin is admitted, whatever Host says', async () => {
    const page = await fetch(`${t.url}/claim`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<form id="claim">');
    expect((await fetch(`${t.url}/claim.js`)).headers.get('content-type')).toContain('javascript');
    const post = (headers: Record<string, string>) =>
      httpRequest(`${t.url}${CLAIM}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
        body: JSON.stringify({ token: 'x', orgName: 'A', name: 'B', email: 'c@example.com' }),
      });
    // The test server's PUBLIC_URL is http://localhost; it listens on 127.0.0.1.
    const own = await post({ origin: 'http://localhost' });
    expect(own.status).toBe(403); // the token is wrong, but the origin passed
    expect(JSON.parse(own.text).error.code).toBe('not-invited');
    for (const refused of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      // A page on another name of this server, or one that sets Host to match its own Origin (DNS rebinding).
      { origin: new URL(t.url).origin },
      { origin: 'http://evil.example', host: 'evil.example' },
    ]) {
      const web = await post(refused);
      expect(web.status).toBe(403);
      expect(JSON.parse(web.text).error.code).toBe('forbidden-origin');
    }
  });
});
