import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callCommand } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';
import { SERVER_BUNDLE } from '../../scripts/build-server.mjs';
import { SERVER_NODE_OPTIONS } from '../node-options.ts';

// The production entry in its own process, next to an in-process server on the same database.
let child: ChildProcess;
let output = '';
let other: TestServer;
const key = randomBytes(32);

const waitFor = async (pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = output.match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  const databaseUrl = await testDatabaseUrl();
  child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_BUNDLE], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      SECRET_KEY: key.toString('base64'),
      NODE_ENV: 'development',
      PUBLIC_URL: 'http://localhost:9999',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  other = await startTestServer({ databaseUrl, vaultKey: key });
});

afterAll(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await other.close();
});

describe('server/main.ts as its own process', () => {
  it('prints the claim link once, signs the owner in with the printed code, and its changes reach another process', async () => {
    const url = (await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    const token = (await waitFor(/http:\/\/localhost:9999\/claim#([A-Za-z0-9_-]+)/))[1]!;
    const claimed = await fetch(`${url}/api/commands/claimOrg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ token, orgName: 'Acme', name: 'Olivia', email: 'olivia@example.com' }),
    });
    expect(claimed.status).toBe(200);

    await fetch(`${url}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'olivia@example.com', type: 'sign-in' }),
    });
    const otp = (await waitFor(/code for olivia@example\.com: (\d{6})/))[1]!;
    const signedIn = await fetch(`${url}/api/auth/sign-in/email-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'olivia@example.com', otp }),
    });
    const bearer = signedIn.headers.get('set-auth-token')!;
    expect(bearer).toBeTruthy();

    // The in-process server accepts the same bearer (same SECRET_KEY, same database) and streams the org.
    const stream = await fetch(`${other.url}/api/changes`, { headers: { authorization: `Bearer ${bearer}` } });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    const next = async () => (seen += (await reader.read()).value ?? '');
    await next();
    const start = Number(seen.match(/"version":(\d+)/)![1]);
    const invited = await callCommand(
      url,
      'inviteMember',
      { name: 'Rob', email: 'rob@example.com' },
      { token: bearer },
    );
    expect(invited.body.ok).toBe(true);
    while (!seen.includes(`"version":${start + 1}`)) await next();
    await reader.cancel();

    // Nothing secret in its output: no bearer token, no SECRET_KEY.
    expect(output).not.toContain(bearer.split('.')[0]);
    expect(output).not.toContain(key.toString('base64'));
  });
});
