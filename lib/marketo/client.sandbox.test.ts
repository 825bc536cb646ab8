// @vitest-environment node
/**
 * The client against the local Marketo sandbox over real HTTP on 127.0.0.1.
 * Client and sandbox share one fake clock: the client's `sleep` moves it, so
 * rate windows and back-off cost no real time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../../tests/sandbox/clock.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../tests/sandbox/server.ts';
import { createMarketoClient, type MarketoClient, type MarketoClientOptions } from './client.ts';
import { MarketoError } from './errors.ts';
import { memoryTokenStore } from './token.ts';
import { failure } from '../../tests/doubles/marketo-failure.ts';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * `network`: 'fast' lets calls already on the wire finish before the fake
 * clock jumps (real round trips take milliseconds, the waits seconds);
 * 'slow' jumps at once, as if every call in flight took the whole wait.
 */
async function setup(
  sandboxOptions: SandboxOptions = {},
  clientOptions: Partial<MarketoClientOptions> = {},
  network: 'fast' | 'slow' = 'fast',
) {
  const clock: FakeClock = createFakeClock();
  const sleeps: number[] = [];
  const s = await startSandbox({ clock, ...sandboxOptions });
  sandbox = s;
  const client: MarketoClient = createMarketoClient({
    ...s.credentials,
    restBaseUrl: s.restUrl,
    identityBaseUrl: s.identityUrl,
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      if (network === 'fast') while (client.activity().inFlight > 0) await tick();
      await clock.sleep(ms);
    },
    ...clientOptions,
  });
  return { sandbox: s, client, clock, sleeps };
}

describe('client against the sandbox', () => {
  it('checks a connection with workspaces', async () => {
    const { client } = await setup();
    const check = await client.checkConnection();
    expect(check.workspacesEnabled).toBe(true);
    expect(check.workspaces.map((w) => w.name)).toEqual(['Default', 'EMEA', 'North America', 'APAC']);
    expect(check.workspaces[1]).toEqual({
      id: 1001,
      name: 'EMEA',
      status: 'active',
      description: 'Europe, Middle East and Africa',
    });
  });

  it('checks a connection without workspaces', async () => {
    const { client } = await setup({ workspacesEnabled: false });
    expect(await client.checkConnection()).toEqual({
      workspacesEnabled: false,
      workspaces: [
        {
          id: 1,
          name: 'Default',
          status: 'active',
          description: 'Initial workspace for Marketing Activities, Design Studio, and so on.',
        },
      ],
    });
  });

  it('reads users page by page, roles, and usage', async () => {
    const { client } = await setup();
    const first = await client.getUsers({ pageSize: 20 });
    const second = await client.getUsers({ pageSize: 20, pageOffset: 20 });
    expect(first).toHaveLength(20);
    expect(second).toHaveLength(5);
    expect(new Set([...first, ...second].map((u) => u.id)).size).toBe(25);
    expect((await client.getRoles()).map((r) => r.name)).toContain('Standard User');
    expect((await client.getDailyUsage())[0]).toMatchObject({ date: '2025-01-15', total: 4 });
  });

  it('stops at a wrong secret with the LaunchPoint message, never quoting the secret', async () => {
    const { sandbox: s } = await setup();
    const client = createMarketoClient({
      ...s.credentials,
      clientSecret: 'Wrong-Secret-1234567',
      restBaseUrl: s.restUrl,
      identityBaseUrl: s.identityUrl,
    });
    const e = await failure(client.checkConnection());
    expect(e.code).toBe('bad-credentials');
    expect(e.message).toContain('Admin > LaunchPoint > View Details');
    expect(`${e.message}${JSON.stringify(e)}${String(e.stack)}`).not.toContain('Wrong-Secret-1234567');
    expect(s.stats().calls).toBe(0);
  });

  it('surfaces a 603 on workspaces as the permission to ask for', async () => {
    const { client, sandbox: s } = await setup();
    s.faults.next('603');
    const e = await failure(client.checkConnection());
    expect(e.code).toBe('603');
    expect(e.message).toMatch(/Access User Management Api.*Ask your Marketo admin/s);
  });

  it('renews an expired token (602) and retries once', async () => {
    const { client, sandbox: s } = await setup();
    await client.getWorkspaces();
    // The sandbox expires it early, as a clock difference would.
    await fetch(`${s.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"expireTokens":true}',
    });
    expect(await client.getWorkspaces()).toHaveLength(4);
    expect(s.stats()).toMatchObject({ rejected602: 1, tokensIssued: 2 });
  });

  it('renews a token the sandbox never issued (601), e.g. one kept from another instance', async () => {
    const store = memoryTokenStore();
    const { client, sandbox: s, clock } = await setup({}, { tokenStore: store });
    await store.set({
      accessToken: 'stale',
      expiresAt: clock.now() + 3600_000,
      refreshAt: clock.now() + 3540_000,
      owner: `${s.identityUrl}#${s.credentials.clientId}`,
    });
    expect(await client.getRoles()).not.toHaveLength(0);
    expect(s.stats()).toMatchObject({ rejected601: 1, tokensIssued: 1 });
  });

  it('refreshes the token a minute before it expires, on the shared clock', async () => {
    const { client, sandbox: s, clock } = await setup();
    const first = await client.getToken();
    clock.advance(3540_000 - 1);
    expect(await client.getToken()).toBe(first);
    clock.advance(1);
    // The sandbox hands back the same token while it lives, as Marketo does...
    expect(await client.getToken()).toBe(first);
    clock.advance(60_000);
    // ...and a new one once it has expired.
    expect(await client.getToken()).not.toBe(first);
    expect(s.stats().tokensIssued).toBe(2);
  });

  it.each(['606', '615', '608', '604', '502', '429'] as const)('backs off after %s and then succeeds', async (code) => {
    const { client, sandbox: s, sleeps } = await setup();
    s.faults.next(code, 2);
    expect(await client.getWorkspaces()).toHaveLength(4);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up after 3 retries', async () => {
    const { client, sandbox: s, sleeps } = await setup();
    s.faults.next('608', 10);
    expect((await failure(client.getDailyUsage())).code).toBe('608');
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(s.faults.snapshot().pending[0]?.remaining).toBe(6);
  });

  it.each(['607', '614', '1008'] as const)('stops at once on %s', async (code) => {
    const { client, sandbox: s, sleeps } = await setup();
    s.faults.next(code, 5);
    expect((await failure(client.getWorkspaces())).code).toBe(code);
    expect(sleeps).toEqual([]);
    expect(s.faults.snapshot().pending[0]?.remaining).toBe(4);
  });

  it.each(['bad-json', 'bad-shape'] as const)('reports %s as bad-response', async (code) => {
    const { client, sandbox: s } = await setup();
    s.faults.next(code);
    expect((await failure(client.getWorkspaces())).code).toBe('bad-response');
  });

  it('times out a slow response', async () => {
    const { client, sandbox: s } = await setup({}, { timeoutMs: 400 });
    await client.getToken();
    s.faults.delayNext(5_000, 1);
    const started = Date.now();
    const e = await failure(client.getWorkspaces());
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/^127\.0\.0\.1:\d+ did not answer within 1 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await client.getWorkspaces()).toHaveLength(4);
  });

  it('times out a slow identity endpoint', async () => {
    const { client, sandbox: s } = await setup({}, { timeoutMs: 400 });
    s.faults.delayNext(5_000, 1, 'identity');
    expect((await failure(client.checkConnection())).code).toBe('timeout');
  });
});

describe('rate limiting against the sandbox', () => {
  const BURST = 300;
  const calls = (client: MarketoClient) =>
    Array.from({ length: BURST }, (_, i) =>
      i % 3 === 0 ? client.getWorkspaces() : i % 3 === 1 ? client.getRoles() : client.getDailyUsage(),
    );

  it(`runs a burst of ${BURST} calls with no 606 or 615, near the documented rate`, async () => {
    // A little real latency so calls overlap and concurrency is really tested.
    const { client, sandbox: s, clock } = await setup({ latencyMs: 2 });
    await client.getToken();
    const started = clock.now();
    const results = await Promise.all(calls(client));
    const elapsed = clock.now() - started;

    expect(results).toHaveLength(BURST);
    const stats = s.stats();
    expect(stats).toMatchObject({ calls: BURST, rejected606: 0, rejected615: 0, peakWindowCalls: 100 });
    expect(stats.peakConcurrent).toBeLessThanOrEqual(10);
    expect(stats.peakConcurrent).toBeGreaterThan(1);
    // 100 calls per 20 s: 300 calls need at least 40 s (batches at 0, 20 and 40 s).
    // The limiter's 100 ms margin per window is the only slack allowed.
    expect(elapsed).toBeGreaterThanOrEqual(40_000);
    expect(elapsed).toBeLessThanOrEqual(40_200);
    expect(client.activity()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('stays under the limit even when calls are slow compared to the window', async () => {
    const { client, sandbox: s, clock } = await setup({ latencyMs: 2 }, {}, 'slow');
    await client.getToken();
    const started = clock.now();
    await Promise.all(calls(client));
    expect(s.stats()).toMatchObject({ calls: BURST, rejected606: 0, rejected615: 0 });
    // Calls caught on the wire by a clock jump stay counted one window longer.
    expect(clock.now() - started).toBeLessThanOrEqual(60_300);
  });

  it('the same burst without the limiter is refused in part (the sandbox enforces the limits)', async () => {
    const { client, sandbox: s } = await setup(
      { latencyMs: 20 },
      { limits: { maxCalls: 1_000_000, maxInFlight: 1_000_000 }, retry: { maxRetries: 0 } },
    );
    await client.getToken();
    const settled = await Promise.allSettled(calls(client));
    const codes = settled.flatMap((r) =>
      r.status === 'rejected' && r.reason instanceof MarketoError ? [r.reason.code] : [],
    );
    // Which of the two refusals comes first depends on arrival timing.
    expect(codes.length).toBeGreaterThanOrEqual(BURST - 100);
    expect(new Set(codes.map((c) => (c === '606' || c === '615' ? 'limit' : c)))).toEqual(new Set(['limit']));
    const stats = s.stats();
    expect(stats.rejected606 + stats.rejected615).toBe(codes.length);
    expect(stats.peakWindowCalls).toBeLessThanOrEqual(100);
    expect(stats.peakConcurrent).toBeLessThanOrEqual(10);
  });
});
