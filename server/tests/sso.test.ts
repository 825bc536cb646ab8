// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestIdp, type TestIdp, type TestUser } from '../../tests/doubles/oidc-provider.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { memoryLog } from '../testing/memory-log.ts';

// Single sign-on end to end at the server's level: a real OpenID provider (oidc-provider) on loopback, the
// server's /api/sso routes and better-auth's session, the way the extension drives them.
const EXTENSION = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/sso';
// The test server's PUBLIC_URL is http://localhost: the provider sends the browser there, the test delivers it.
const CALLBACK = 'http://localhost/api/sso/callback';

let b: ContractBackend;
let idp: TestIdp;
let ownerToken: string;
let providerId: string;
const log = memoryLog();
/** What passed through the server that no log line may hold: the state, the code, the one-time results, verifiers. */
const secrets: string[] = [];

const post = async (path: string, body: unknown) => {
  const answer = await httpRequest(`${b.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { ...answer, json: answer.text ? JSON.parse(answer.text) : undefined };
};
const command = (name: string, input: unknown, token = ownerToken) =>
  callCommand(b.server.url, name, input, { token }).then((a) => a.body);

/** Rows that a refused sign-in must not leave: people, sessions, members, results waiting for the extension. */
const counts = async () => {
  const { rows } = await sql<{ users: string; sessions: string; members: string; results: string }>`select
    (select count(*) from "user") as users, (select count(*) from "session") as sessions,
    (select count(*) from members) as members,
    (select count(*) from sso_logins where handoff_hash is not null) as results`.execute(b.server.db);
  return rows[0]!;
};

interface Outcome {
  error?: string;
  token?: string;
  status?: number;
}

/** The extension's SSO sign-in: start, the provider (as `user`), the callback, then the exchange for a session. */
async function ssoSignIn(
  user: TestUser,
  options: {
    tamper?: Record<string, unknown>;
    atCallback?: (url: URL) => Promise<void> | void;
    verifier?: string;
  } = {},
): Promise<Outcome> {
  idp.signInAs(user);
  idp.tamper(options.tamper);
  const verifier = randomBytes(32).toString('base64url');
  const handoffChallenge = createHash('sha256').update(verifier).digest('base64url');
  const started = await post('/api/sso/start', { providerId, redirectUri: EXTENSION, handoffChallenge });
  expect(started.status, started.text).toBe(200);
  const atCallback = new URL(await idp.browse(started.json.value.url, (url) => url.startsWith(CALLBACK)));
  secrets.push(verifier, ...['state', 'code'].map((name) => atCallback.searchParams.get(name) ?? verifier));
  await options.atCallback?.(atCallback);
  const back = await httpRequest(`${b.server.url}${atCallback.pathname}${atCallback.search}`);
  if (back.status !== 302) return { status: back.status };
  const location = back.headers.get('location')!;
  expect(location.startsWith(`${EXTENSION}#`)).toBe(true);
  const fragment = new URLSearchParams(location.slice(location.indexOf('#') + 1));
  const error = fragment.get('sso-error');
  if (error) return { error };
  secrets.push(fragment.get('sso') ?? verifier);
  const session = await post('/api/auth/sso/session', {
    code: fragment.get('sso'),
    verifier: options.verifier ?? verifier,
  });
  return { status: session.status, token: session.headers.get('set-auth-token') ?? undefined };
}

beforeAll(async () => {
  idp = await startTestIdp({ redirectUris: [CALLBACK] });
  b = await startContractBackend({ connected: true, logDestination: log, logLevel: 'trace' });
  ownerToken = await b.server.signIn(b.members.owner.email);
  const set = await command('setIdentityProvider', {
    name: 'Okta',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    domains: ['example.com'],
  });
  expect(set.ok, JSON.stringify(set)).toBe(true);
  providerId = (await b.server.db.selectFrom('org_identity').select('provider_id').executeTakeFirstOrThrow())
    .provider_id!;
}, 60_000);
afterAll(async () => {
  await b?.close();
  await idp?.close();
});
beforeEach(() => {
  idp.tamper(undefined);
  // The expiry case moves the server's clock on; every other case runs at the provider's time.
  b.server.clock.set(Date.now());
});

describe('registering the provider', () => {
  it('keeps the client secret sealed, never answers it, and reads the issuer from discovery', async () => {
    const row = await b.server.db.selectFrom('org_identity').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(idp.clientSecret);
    expect(await b.server.server.ctx.services.vault.unseal(row.sealed_secret)).toBe(idp.clientSecret);
    const settings = await command('getIdentitySettings', {});
    expect(settings.value.provider).toMatchObject({ name: 'Okta', issuer: idp.issuer, domains: ['example.com'] });
    expect(JSON.stringify(settings)).not.toContain(idp.clientSecret);
  });

  it('refuses an issuer where no OpenID provider answers, changing nothing', async () => {
    const before = await b.dump();
    const refused = await command('setIdentityProvider', {
      name: 'Okta',
      issuer: `${idp.issuer}/elsewhere`,
      clientId: 'x',
      clientSecret: 'y',
      domains: ['example.com'],
    });
    expect(refused.error.code).toBe('sso-discovery-failed');
    expect(await b.dump()).toEqual(before);
  });

  it('offers the provider for an email of a domain it vouches for, and none for another', async () => {
    expect((await post('/api/sso/providers', { email: 'anyone@example.com' })).json.value.providers).toEqual([
      { id: providerId, name: 'Okta', required: false },
    ]);
    expect((await post('/api/sso/providers', { email: 'anyone@elsewhere.org' })).json.value.providers).toEqual([]);
  });

  it('refuses a redirect that is not the extension’s', async () => {
    const started = await post('/api/sso/start', {
      providerId,
      redirectUri: 'https://evil.example/steal',
      handoffChallenge: 'a'.repeat(43),
    });
    expect(started.status).toBe(400);
  });
});

describe('signing in through the provider', () => {
  it('signs an invited member in: a session bound to this org’s member, as a code sign-in makes', async () => {
    const outcome = await ssoSignIn({ email: b.members.rep.email });
    expect(outcome.status).toBe(200);
    const session = await httpRequest(`${b.server.url}/api/session`, {
      headers: { authorization: `Bearer ${outcome.token}` },
    });
    expect(JSON.parse(session.text)).toMatchObject({ orgId: b.orgId, member: { id: 'rep' } });
  });

  it('takes a result once, and only with the verifier of the extension that started it', async () => {
    const before = await counts();
    expect(
      await ssoSignIn({ email: b.members.rep.email }, { verifier: randomBytes(32).toString('base64url') }),
    ).toEqual(expect.objectContaining({ status: 403, token: undefined }));
    expect(await counts()).toEqual(before);
  });

  const refusals: [string, TestUser, Parameters<typeof ssoSignIn>[1], string][] = [
    ['a wrong issuer', { email: 'rep@example.com' }, { tamper: { iss: 'https://other.example' } }, 'sso-refused'],
    ['a wrong audience', { email: 'rep@example.com' }, { tamper: { aud: 'another-client' } }, 'sso-refused'],
    ['a wrong nonce', { email: 'rep@example.com' }, { tamper: { nonce: 'not-the-attempts' } }, 'sso-refused'],
    [
      'an expired ID token',
      { email: 'rep@example.com' },
      // The server's clock five minutes on: the provider's 60-second ID token is past its time.
      { atCallback: () => b.server.clock.advance(5 * 60_000) },
      'sso-refused',
    ],
    ['email_verified: false', { email: 'rep@example.com', email_verified: false }, {}, 'sso-email-unverified'],
    ['someone the provider knows but the org never invited', { email: 'stranger@example.com' }, {}, 'sso-not-member'],
  ];
  it.each(refusals)('refuses %s, creating nothing', async (_what, user, options, code) => {
    const before = await counts();
    expect(await ssoSignIn(user, options)).toEqual({ error: code });
    expect(await counts()).toEqual(before);
    const stranger = await b.server.db.selectFrom('members').select('id').where('email', '=', 'stranger@example.com');
    expect(await stranger.execute()).toEqual([]);
  });

  it('refuses a wrong state: a code delivered with another attempt’s state, or a state nobody issued', async () => {
    const before = await counts();
    // Another attempt's state: its PKCE verifier does not match this code, so the provider refuses the exchange.
    const other = await post('/api/sso/start', {
      providerId,
      redirectUri: EXTENSION,
      handoffChallenge: 'b'.repeat(43),
    });
    const otherState = new URL(other.json.value.url).searchParams.get('state')!;
    expect(
      await ssoSignIn({ email: 'rep@example.com' }, { atCallback: (url) => url.searchParams.set('state', otherState) }),
    ).toEqual({ error: 'sso-refused' });
    // A state nobody issued: no attempt, nowhere to go back to.
    expect(
      await ssoSignIn({ email: 'rep@example.com' }, { atCallback: (url) => url.searchParams.set('state', 'forged') }),
    ).toEqual({ status: 400 });
    expect(await counts()).toEqual(before);
  });
});

describe('the login policy', () => {
  it('cannot require the company sign-in before the owner signed in with it once', async () => {
    const refused = await command('setLoginPolicy', { policy: 'sso-only' });
    expect(refused.error.code).toBe('sso-owner-untested');
  });

  it('after the owner’s own SSO sign-in, requires it: an emailed code is neither sent nor accepted', async () => {
    // A code asked for before the policy changes, to try after it.
    await post('/api/auth/email-otp/send-verification-otp', { email: b.members.admin.email, type: 'sign-in' });
    const earlier = await b.server.codeFor(b.members.admin.email);
    const owner = await ssoSignIn({ email: b.members.owner.email });
    expect(owner.status).toBe(200);
    const set = await command('setLoginPolicy', { policy: 'sso-only' }, owner.token);
    expect(set.ok, JSON.stringify(set)).toBe(true);

    b.server.outbox.messages.length = 0;
    const asked = await post('/api/auth/email-otp/send-verification-otp', {
      email: b.members.rep.email,
      type: 'sign-in',
    });
    expect(asked.status).toBe(200);
    expect(await b.server.codeFor(b.members.rep.email)).toBe(undefined);
    const before = await counts();
    const verified = await post('/api/auth/sign-in/email-otp', { email: b.members.admin.email, otp: earlier });
    expect(verified.status).toBe(403);
    expect(verified.json.code).toBe('SSO_REQUIRED');
    expect(await counts()).toEqual(before);
    // The company sign-in still works, and the provider cannot be removed while it is the only way in.
    expect((await ssoSignIn({ email: b.members.rep.email })).status).toBe(200);
    expect((await command('removeIdentityProvider', {}, owner.token)).error.code).toBe('sso-policy-sso-only');
    // Back to codes and passkeys.
    expect((await command('setLoginPolicy', { policy: 'codes-and-passkeys' }, owner.token)).ok).toBe(true);
    // Each change is in the Activity log, by the owner.
    const lines = (await command('getActivity', {}, owner.token)).value as {
      kind: string;
      actorId: string;
      details?: unknown;
    }[];
    expect(
      lines
        .filter((l) => l.kind === 'sso-provider-set' || l.kind === 'login-policy-set')
        .map((l) => [l.kind, l.actorId, l.details]),
    ).toEqual([
      ['login-policy-set', 'owner', { policy: 'codes-and-passkeys' }],
      ['login-policy-set', 'owner', { policy: 'sso-only' }],
      ['sso-provider-set', 'owner', { name: 'Okta', issuer: idp.issuer, domains: 'example.com' }],
    ]);
  });
});

describe('hostile requests', () => {
  it('300 broken or forged requests to the SSO routes: no 5xx, nothing created, nobody signed in', async () => {
    const before = await counts();
    const dump = await b.dump();
    const value = fc.oneof(fc.string({ maxLength: 60 }), fc.integer(), fc.constant(null), fc.boolean());
    const body = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .record(
          {
            providerId: fc.oneof(value, fc.constant(providerId)),
            redirectUri: value,
            handoffChallenge: value,
            email: value,
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o)),
      fc.record({ code: value, verifier: value }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
    );
    const path = fc.constantFrom('/api/sso/providers', '/api/sso/start', '/api/auth/sso/session');
    await fc.assert(
      fc.asyncProperty(path, body, fc.string({ maxLength: 60 }), async (route, text, query) => {
        const posted = await httpRequest(`${b.server.url}${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: text,
        });
        expect(posted.status).toBeLessThan(500);
        const called = await httpRequest(
          `${b.server.url}/api/sso/callback?state=${encodeURIComponent(query)}&code=${encodeURIComponent(query)}`,
        );
        expect(called.status).toBe(400);
      }),
      { numRuns: 150, seed: 17 },
    );
    expect(await counts()).toEqual(before);
    // Attempts a valid start makes are kept (they are minutes long); nothing else of the org moved.
    const { ssoLogins: _attempts, ...rest } = await b.dump();
    const { ssoLogins: _before, ...restBefore } = dump;
    expect(rest).toEqual(restBefore);
  });
});

describe('a flood of sign-ins started', () => {
  it('is refused past 30 a minute from one address (each would ask the provider), and passes again a minute on', async () => {
    const start = () =>
      post('/api/sso/start', { providerId, redirectUri: EXTENSION, handoffChallenge: 'c'.repeat(43) });
    let answer = await start();
    for (let i = 0; i < 40 && answer.status === 200; i++) answer = await start();
    expect(answer.status).toBe(429);
    expect(answer.json.error.code).toBe('too-many-requests');
    b.server.clock.advance(61_000);
    expect((await start()).status).toBe(200);
  });
});

describe('the log', () => {
  it('holds no client secret, state, authorization code, one-time result, verifier or session token', () => {
    expect(log.lines.length).toBeGreaterThan(20);
    // The callback's requests are logged (their path only), and each refusal with its code.
    expect(log.lines.some((line) => line.includes('/api/sso/callback'))).toBe(true);
    expect(log.lines.some((line) => line.includes('"ssoRefused":"sso-not-member"'))).toBe(true);
    const text = log.lines.join('\n');
    expect(secrets.length).toBeGreaterThan(20);
    for (const secret of [idp.clientSecret, ...secrets]) expect(text).not.toContain(secret);
  });
});
