import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAITING_PERIOD_MS } from '../../lib/domain/waiting-period.ts';
import { startSandbox, type Sandbox } from '../../tests/sandbox/server.ts';
import { issueClaimIfEmpty } from '../claim/owner-claim.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { memoryLog, type MemoryLog } from '../testing/memory-log.ts';
import { scimClient } from '../testing/scim.ts';
import { adminQuery, freshDatabase } from '../testing/postgres-cluster.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

// A whole run as production would log it (no outbox printing, every level down to trace),
// then a search of every log line for every secret that passed through the server.
let log: MemoryLog;
let sandbox: Sandbox;
let server: TestServer;
const clientSecret = `Sbx${randomBytes(18).toString('base64url')}`;
const databasePassword = `pw_${randomBytes(12).toString('hex')}`;
const role = `app_${randomBytes(4).toString('hex')}`;
const bearers: string[] = [];
let claimToken: string;
let scimSecret = '';
let embeddedPassword: string;

beforeAll(async () => {
  // Its own database role, with a password found nowhere else, so a leaked connection string would show.
  const base = process.env.MARKETO_ACCESS_TEST_PG!;
  // The test cluster's superuser password (its pg-password file): the server must never print it either.
  embeddedPassword = decodeURIComponent(new URL(base).password);
  await adminQuery(base, `CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${databasePassword}'`);
  const url = await freshDatabase((database = 'postgres') => base.replace(/\/[^/]*$/, `/${database}`));
  const databaseUrl = url.replace(/\/\/[^@]*@/, `//${role}:${databasePassword}@`);
  sandbox = await startSandbox({ port: 0, latencyMs: 0, credentials: { clientSecret } });
  log = memoryLog();
  server = await startTestServer({
    databaseUrl,
    logDestination: log,
    logLevel: 'trace',
    metricsPort: 0,
    // Low enough that the stranger below is refused once (429) on the way.
    codeRequestsPerEmail: { max: 3, windowMs: 60_000 },
  });
  claimToken = (await issueClaimIfEmpty(server.db, server.clock.now()))!;
});
afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

const json = { 'content-type': 'application/json' };
const signIn = async (email: string) => {
  const token = await server.signIn(email);
  bearers.push(token);
  return token;
};

describe('a full run of the team server', () => {
  it('logs every request, and no secret, code or token', async () => {
    // Claim: the first org and its owner, with the one-time token.
    const claimed = await httpRequest(`${server.url}/api/commands/claimOrg`, {
      method: 'POST',
      headers: { ...json, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ token: claimToken, orgName: 'Acme', name: 'Olivia', email: 'olivia@example.com' }),
    });
    expect(claimed.status).toBe(200);
    // A second use of the token: refused (an error on the way).
    const reused = await httpRequest(`${server.url}/api/commands/claimOrg`, {
      method: 'POST',
      headers: { ...json, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ token: claimToken, orgName: 'Other', name: 'Eve', email: 'eve@example.com' }),
    });
    expect(reused.status).toBe(403);

    // Code sign-in, with a wrong code first (better-auth refuses it).
    await httpRequest(`${server.url}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'olivia@example.com', type: 'sign-in' }),
    });
    const right = (await server.codeFor('olivia@example.com'))!;
    const wrongCode = right === '000000' ? '000001' : '000000';
    const wrong = await httpRequest(`${server.url}/api/auth/sign-in/email-otp`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'olivia@example.com', otp: wrongCode }),
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const owner = await signIn('olivia@example.com');

    // Code requests for an email nobody invited: answered as for a member (no code is sent), then limited per email.
    const askFor = (email: string) =>
      httpRequest(`${server.url}/api/auth/email-otp/send-verification-otp`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, type: 'sign-in' }),
      });
    const strangerAnswers = [];
    for (let i = 0; i < 4; i++) strangerAnswers.push((await askFor('stranger@example.org')).status);
    expect(strangerAnswers).toEqual([200, 200, 200, 429]);
    // The per-email limit's rows, as stored (each key a hash of the email): none may reach the log.
    const limitRows = await server.db.selectFrom('code_requests').selectAll().execute();
    expect(limitRows.length).toBeGreaterThanOrEqual(2);

    // The org connection, with the client secret, against the Marketo sandbox; once with a wrong secret too.
    const marketo = { ...sandbox.credentials, restBaseUrl: sandbox.restUrl, identityBaseUrl: sandbox.identityUrl };
    const badSecret = `Wrong${randomBytes(12).toString('hex')}`;
    expect(
      (await callCommand(server.url, 'connectOrg', { ...marketo, clientSecret: badSecret }, { token: owner })).status,
    ).toBe(409);
    expect((await callCommand(server.url, 'connectOrg', marketo, { token: owner })).status).toBe(200);

    // The company directory: a SCIM token made, used (once with a wrong token), and its secret never logged.
    const made = await callCommand(server.url, 'createDirectoryToken', { name: 'Okta' }, { token: owner });
    scimSecret = made.body.value.secret;
    expect((await scimClient(server.url, scimSecret)('GET', '/Users?count=1')).status).toBe(200);
    expect((await scimClient(server.url, `${scimSecret}0`)('GET', '/Users')).status).toBe(401);
    expect(
      (
        await scimClient(server.url, scimSecret)('POST', '/Users', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'dana@example.com',
          name: { givenName: 'Dana', familyName: 'Directory' },
        })
      ).status,
    ).toBe(201);

    // Invite, sign the rep in, follow the change stream, grant after the waiting period, remove.
    expect(
      (await callCommand(server.url, 'inviteMember', { name: 'Rob', email: 'rob@example.com' }, { token: owner }))
        .status,
    ).toBe(200);
    const rep = await signIn('rob@example.com');
    const stream = await fetch(`${server.url}/api/changes`, { headers: { authorization: `Bearer ${rep}` } });
    const reader = stream.body!.getReader();
    await reader.read();
    const state = await callCommand(server.url, 'getState', {}, { token: owner });
    const robId = (state.body.value.members as { id: string; email: string }[]).find(
      (m) => m.email === 'rob@example.com',
    )!.id;
    server.clock.advance(WAITING_PERIOD_MS + 1);
    expect(
      (await callCommand(server.url, 'grantAccess', { memberIds: [robId], workspaceIds: [1] }, { token: owner }))
        .status,
    ).toBe(200);
    expect((await callCommand(server.url, 'removeAccess', { memberIds: [robId] }, { token: owner })).status).toBe(200);
    expect((await callCommand(server.url, 'removeMember', { memberId: robId }, { token: owner })).status).toBe(200);
    await reader.cancel();

    // Errors: a rule refused, a web page's origin, a forged token, a body over the limit.
    expect((await callCommand(server.url, 'removeMember', { memberId: 'nobody' }, { token: owner })).status).toBe(409);
    expect(
      (await callCommand(server.url, 'getState', {}, { token: owner, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await callCommand(server.url, 'getState', {}, { token: `${owner.slice(0, -4)}AAAA` })).status).toBe(200);
    const big = await httpRequest(`${server.url}/api/commands/inviteMember`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${owner}`, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ name: 'x'.repeat(300_000), email: 'big@example.com' }),
    });
    expect(big.status).toBe(413);

    // Sign-out: the bearer stops working.
    const out = await httpRequest(`${server.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${owner}` },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(
      (await httpRequest(`${server.url}/api/session`, { headers: { authorization: `Bearer ${owner}` } })).status,
    ).toBe(401);
    await server.close();

    // The Marketo access token the server held (the sandbox hands the same one back while it lives).
    const issued = await fetch(`${sandbox.identityUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandbox.credentials.clientId,
        client_secret: clientSecret,
      }).toString(),
    });
    const marketoToken = ((await issued.json()) as { access_token: string }).access_token;

    const secrets: Record<string, string> = {
      'the client secret': clientSecret,
      'the wrong client secret': badSecret,
      'the claim token': claimToken,
      'SECRET_KEY (base64)': server.vaultKey.toString('base64'),
      'SECRET_KEY (hex)': server.vaultKey.toString('hex'),
      'the database password': databasePassword,
      'the embedded PostgreSQL password (pg-password)': embeddedPassword,
      // Nobody invited it: the server keeps no trace of it but a hash, in the log neither.
      'the email nobody invited': 'stranger@example.org',
      'the Marketo access token': marketoToken,
      'the wrong sign-in code': wrongCode,
      'the SCIM token': scimSecret,
      'the SCIM token after its prefix': scimSecret.slice('mascim_'.length),
    };
    server.outbox.messages.forEach((m, i) => (secrets[`sign-in code ${i + 1}`] = m.code));
    limitRows.forEach((row, i) => (secrets[`per-email limit key ${i + 1} (a hashed email)`] = row.key));
    bearers.forEach((bearer, i) => {
      secrets[`bearer ${i + 1}`] = bearer;
      // The session token alone (a bearer is token.signature).
      secrets[`session token ${i + 1}`] = bearer.split('.')[0]!;
    });
    expect(server.outbox.messages.length).toBeGreaterThanOrEqual(2);
    expect(bearers).toHaveLength(2);

    // The log is not empty: each request above has its line, the errors theirs.
    const requests = log.records().filter((r) => r.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(18);
    expect(requests.map((r) => r.route)).toEqual(
      expect.arrayContaining(['/api/auth/*', '/api/commands/:name', '/api/changes', '/api/session']),
    );
    const text = log.lines.join('');
    // A code is digits: found only where no digit touches it (a process id may hold any six digits in a row).
    const leaks = (secret: string) =>
      /^\d+$/.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(text) : text.includes(secret);
    const found = Object.entries(secrets)
      .filter(([, secret]) => leaks(secret))
      .map(([name]) => name);
    expect(found).toEqual([]);
  });
});
