import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../tests/sandbox/server.ts';
import { createApp } from '../app.ts';
import { connect } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { memoryLog, type MemoryLog } from '../testing/memory-log.ts';
import { adminQuery } from '../testing/postgres-cluster.ts';
import { startTestServer } from '../testing/start-test-server.ts';

// What an operator reads: one JSON line per event, a completion line per request, Prometheus series, probes.
let t: ContractBackend;
let log: MemoryLog;
let sandbox: Sandbox;

beforeAll(async () => {
  log = memoryLog();
  sandbox = await startSandbox({ port: 0, latencyMs: 0 });
  t = await startContractBackend({ logDestination: log, logLevel: 'debug', metricsPort: 0 });
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

const requestLines = () => log.records().filter((r) => r.msg === 'request');
const lineFor = (requestId: string) => requestLines().find((r) => r.requestId === requestId);
const scrape = async () => {
  const answer = await httpRequest(t.server.server.metricsUrl!);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toContain('text/plain');
  return answer.text;
};
/** One series' value in the Prometheus text, 0 when absent. */
const valueOf = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('JSON logs', () => {
  it('gives each request an id (a well-formed incoming one is kept), echoes it, and writes one completion line', async () => {
    const token = await t.server.signIn('admin@example.com');
    const answer = await callCommand(t.server.url, 'getState', {}, { token });
    const generated = answer.headers.get('x-request-id')!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(lineFor(generated)).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/api/commands/:name',
      command: 'getState',
      orgId: t.orgId,
      status: 200,
      ms: expect.any(Number),
    });

    const kept = await httpRequest(`${t.server.url}/api/session`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'lb-7f3a.42:1' },
    });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42:1');
    expect(lineFor('lb-7f3a.42:1')).toMatchObject({ route: '/api/session', orgId: t.orgId, status: 200 });

    // Better-auth's own answers carry it too.
    const auth = await httpRequest(`${t.server.url}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'auth-req-1' },
      body: JSON.stringify({ email: 'rep@example.com', type: 'sign-in' }),
    });
    expect([auth.status, auth.headers.get('x-request-id')]).toEqual([200, 'auth-req-1']);
    expect(lineFor('auth-req-1')).toMatchObject({ route: '/api/auth/*', status: 200 });

    // Not an id: replaced, so nothing a client sends lands in the log as it came.
    const replaced = await httpRequest(`${t.server.url}/livez`, { headers: { 'x-request-id': 'a b\u00e9<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.lines.join('\n')).not.toContain('<script>');
  });

  it('names the route pattern, never the raw path, and picks the level by what happened', async () => {
    const unknown = await callCommand(t.server.url, 'noSuchCommand', {});
    expect(lineFor(unknown.headers.get('x-request-id')!)).toMatchObject({
      level: 'info',
      route: '/api/commands/:name',
      status: 404,
    });
    expect(lineFor(unknown.headers.get('x-request-id')!)).not.toHaveProperty('command');
    const nowhere = await httpRequest(`${t.server.url}/api/members/8d1f0c2a/secret`);
    expect(lineFor(nowhere.headers.get('x-request-id')!)).toMatchObject({ route: 'unmatched', status: 404 });
    expect(log.lines.join('\n')).not.toContain('8d1f0c2a');
    const web = await callCommand(t.server.url, 'getState', {}, { origin: 'https://evil.example' });
    expect(lineFor(web.headers.get('x-request-id')!)).toMatchObject({ level: 'warn', status: 403 });
    const probe = await httpRequest(`${t.server.url}/readyz`);
    expect(lineFor(probe.headers.get('x-request-id')!)).toMatchObject({ level: 'debug', route: '/readyz' });
  });

  it('logs an internal error as its kind only, at error level, with the request id', async () => {
    const token = await t.server.signIn('rep@example.com');
    // The bearer's check fails from deep inside (better-auth, or the caller cache in front of it).
    const broken = createApp({
      ...t.server.server.ctx,
      callers: () => Promise.reject(new TypeError('secret detail from deep inside')),
    });
    const answer = await broken.request('/api/commands/getState', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(500);
    const requestId = answer.headers.get('x-request-id')!;
    const lines = log.records().filter((r) => r.requestId === requestId);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', msg: 'internal error', error: 'TypeError' }),
      expect.objectContaining({ level: 'error', msg: 'request', status: 500, command: 'getState' }),
    ]);
    expect(log.lines.join('\n')).not.toContain('secret detail');
  });

  it('writes nothing but JSON objects, each with a level, a time and a message', () => {
    expect(log.lines.length).toBeGreaterThan(10);
    for (const record of log.records())
      expect(record).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
  });
});

describe('Prometheus metrics on their own port', () => {
  it('listens on loopback only', () => {
    expect(new URL(t.server.server.metricsUrl!).hostname).toBe('127.0.0.1');
  });

  it('counts requests by route, command and status, and times them', async () => {
    const token = await t.server.signIn('owner@example.com');
    const series =
      'marketo_access_http_requests_total{method="POST",route="/api/commands/:name",command="getState",status="200"}';
    const timed =
      'marketo_access_http_request_duration_seconds_count{method="POST",route="/api/commands/:name",command="getState",status="200"}';
    const refused =
      'marketo_access_http_requests_total{method="POST",route="/api/commands/:name",command="removeMember",status="409"}';
    const before = await scrape();
    for (let i = 0; i < 3; i++) await callCommand(t.server.url, 'getState', {}, { token });
    await callCommand(t.server.url, 'removeMember', { memberId: 'owner' }, { token });
    const after = await scrape();
    expect(valueOf(after, series) - valueOf(before, series)).toBe(3);
    expect(valueOf(after, timed) - valueOf(before, timed)).toBe(3);
    expect(valueOf(after, refused) - valueOf(before, refused)).toBe(1);
  });

  it('counts open change streams, and shows the pool and the LISTEN connection', async () => {
    const token = await t.server.signIn('rep@example.com');
    const followers = 'marketo_access_change_feed_followers';
    expect(valueOf(await scrape(), followers)).toBe(0);
    const controller = new AbortController();
    const stream = await fetch(`${t.server.url}/api/changes`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const reader = stream.body!.getReader();
    await reader.read();
    expect(valueOf(await scrape(), followers)).toBe(1);
    controller.abort();
    await reader.closed.catch(() => {});
    const deadline = Date.now() + 5_000;
    while (valueOf(await scrape(), followers) !== 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const text = await scrape();
    expect(valueOf(text, followers)).toBe(0);
    expect(valueOf(text, 'marketo_access_db_pool_connections')).toBeGreaterThan(0);
    expect(text).toContain('marketo_access_db_pool_idle ');
    expect(text).toContain('marketo_access_db_pool_waiting 0');
    expect(valueOf(text, 'marketo_access_change_feed_listening')).toBe(1);
    expect(valueOf(text, 'marketo_access_change_feed_self_test')).toBe(1);
  });

  it("counts Marketo calls by answer: ok, Marketo's error code, an HTTP status", async () => {
    const owner = await t.server.signIn('owner@example.com');
    const connect = (input: object = {}) =>
      callCommand(
        t.server.url,
        'connectOrg',
        {
          ...sandbox.credentials,
          restBaseUrl: sandbox.restUrl,
          identityBaseUrl: sandbox.identityUrl,
          ...input,
        },
        { token: owner },
      );
    const calls = (api: string, outcome: string) =>
      `marketo_access_marketo_calls_total{api="${api}",outcome="${outcome}"}`;
    const before = await scrape();
    expect((await connect()).status).toBe(200);
    sandbox.faults.next('603', 1, 'api');
    expect((await connect()).body.error.code).toBe('603');
    expect((await connect({ clientSecret: 'not-the-secret' })).body.error.code).toBe('bad-credentials');
    const after = await scrape();
    const moved = (api: string, outcome: string) =>
      valueOf(after, calls(api, outcome)) - valueOf(before, calls(api, outcome));
    expect(moved('identity', 'ok')).toBe(2);
    expect(moved('user-management', 'ok')).toBe(1);
    expect(moved('user-management', '603')).toBe(1);
    expect(moved('identity', 'http-401')).toBe(1);
    // Bounded labels: no org id, no email, no host in any series.
    expect(after).not.toContain(t.orgId);
    expect(after).not.toContain('@example.com');
    expect(after).not.toContain('127.0.0.1');
  });
});

describe('/livez and /readyz', () => {
  it('livez answers while the process runs; readyz (and healthz, its older name) once the database is migrated', async () => {
    expect((await httpRequest(`${t.server.url}/livez`)).status).toBe(200);
    for (const path of ['/readyz', '/healthz']) {
      const ready = await httpRequest(`${t.server.url}${path}`);
      expect([ready.status, JSON.parse(ready.text)]).toEqual([200, { ok: true }]);
    }
  });

  it('readyz is 503 "migrations-pending" on a database nobody migrated, and 200 once it is', async () => {
    const base = process.env.MARKETO_ACCESS_TEST_PG!;
    const name = `r_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(base, `CREATE DATABASE ${name}`);
    const url = base.replace(/\/[^/]*$/, `/${name}`);
    const fresh = await startTestServer({ databaseUrl: url });
    try {
      const before = await httpRequest(`${fresh.url}/readyz`);
      expect(before.status).toBe(503);
      expect(JSON.parse(before.text)).toMatchObject({ ok: false, error: { code: 'migrations-pending' } });
      expect((await httpRequest(`${fresh.url}/livez`)).status).toBe(200);
      const setup = connect(url, { max: 1 });
      await migrate(setup.db);
      await setup.close();
      expect((await httpRequest(`${fresh.url}/readyz`)).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
