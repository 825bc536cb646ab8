// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from './clock.ts';
import { startSandbox, type Sandbox } from './server.ts';

let sandbox: Sandbox;
let clock: FakeClock;

beforeEach(async () => {
  clock = createFakeClock();
  sandbox = await startSandbox({ clock });
});

afterEach(async () => {
  await sandbox.close();
});

const tokenUrl = (s: Sandbox, id = s.credentials.clientId, secret = s.credentials.clientSecret) =>
  `${s.identityUrl}/oauth/token?${new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }).toString()}`;

async function token(s: Sandbox = sandbox): Promise<string> {
  const body = (await (await fetch(tokenUrl(s))).json()) as { access_token: string };
  return body.access_token;
}

/**
 * Bodies are read loosely on purpose: a wrong shape should fail an
 * assertion with a readable diff, not stop the test at compile time.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

async function get(path: string, accessToken?: string): Promise<{ status: number; body: Loose }> {
  const response = await fetch(
    `${sandbox.url}${path}`,
    accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {},
  );
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML and broken bodies stay text.
  }
  return { status: response.status, body };
}

const control = (body: unknown) =>
  fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const WORKSPACES = '/userservice/management/v1/users/workspaces.json';

describe('sandbox server', () => {
  it('listens on 127.0.0.1 with /rest and /identity base URLs', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.restUrl).toBe(`${sandbox.url}/rest`);
    expect(sandbox.identityUrl).toBe(`${sandbox.url}/identity`);
    expect(sandbox.credentials.munchkinId).toBe('123-ABC-456');
  });

  describe('CORS', () => {
    it('lets extension origins in without a host permission, and not web pages', async () => {
      const t = await token();
      const ext = await fetch(`${sandbox.url}${WORKSPACES}`, {
        headers: { Authorization: `Bearer ${t}`, Origin: 'chrome-extension://abcdefghijklmnop' },
      });
      expect(ext.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
      const page = await fetch(`${sandbox.url}${WORKSPACES}`, {
        headers: { Authorization: `Bearer ${t}`, Origin: 'https://evil.example' },
      });
      expect(page.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers the preflight for the Authorization header without counting a call', async () => {
      const response = await fetch(`${sandbox.url}${WORKSPACES}`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'moz-extension://1234-abcd',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('moz-extension://1234-abcd');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(sandbox.stats().calls).toBe(0);
    });

    it('never opens the control endpoints to other origins', async () => {
      const response = await fetch(`${sandbox.url}/__sandbox/stats`, {
        headers: { Origin: 'chrome-extension://abcdefghijklmnop' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('identity', () => {
    it('issues a bearer token for an hour and hands the same one back, counting down', async () => {
      const first = (await (await fetch(tokenUrl(sandbox))).json()) as Record<string, unknown>;
      expect(first).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'sia-api@sandbox.example' });
      clock.advance(100_000);
      const again = (await (await fetch(tokenUrl(sandbox))).json()) as Record<string, unknown>;
      expect(again.access_token).toBe(first.access_token);
      expect(again.expires_in).toBe(3500);
      clock.advance(3500_000);
      const fresh = (await (await fetch(tokenUrl(sandbox))).json()) as Record<string, unknown>;
      expect(fresh.access_token).not.toBe(first.access_token);
      expect(fresh.expires_in).toBe(3600);
    });

    it.each([
      ['a wrong secret', (s: Sandbox) => tokenUrl(s, s.credentials.clientId, 'wrong')],
      ['a wrong client id', (s: Sandbox) => tokenUrl(s, 'wrong', s.credentials.clientSecret)],
    ])('refuses %s with 401 invalid_client', async (_label, url) => {
      const response = await fetch(url(sandbox));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'Bad client credentials' });
    });

    it('accepts other credentials when configured', async () => {
      const other = await startSandbox({ credentials: { clientId: 'id-2', clientSecret: 'secret-2' } });
      try {
        expect((await fetch(tokenUrl(other, 'id-2', 'secret-2'))).status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });

  describe('authentication of API calls', () => {
    it('needs the Bearer header', async () => {
      const t = await token();
      expect((await get(WORKSPACES, t)).status).toBe(200);
      const missing = await get(WORKSPACES);
      expect(missing.status).toBe(401);
      expect(missing.body.errors[0].code).toBe('601');
    });

    it('refuses the retired access_token query parameter', async () => {
      const t = await token();
      const { body } = await get(`/rest/v1/stats/usage.json?access_token=${t}`);
      expect(body).toMatchObject({ success: false, errors: [{ code: '601' }] });
      expect(body.errors[0].message).toMatch(/Authorization: Bearer/);
    });

    it('answers 601 for an unknown token and 602 for an expired one', async () => {
      expect((await get('/rest/v1/stats/usage.json', 'made-up')).body.errors[0].code).toBe('601');
      const t = await token();
      clock.advance(3600_000);
      expect((await get('/rest/v1/stats/usage.json', t)).body.errors[0].code).toBe('602');
      expect(sandbox.stats()).toMatchObject({ rejected601: 1, rejected602: 1, calls: 0 });
    });
  });

  describe('data', () => {
    it('lists four workspaces, or only Default when workspaces are off', async () => {
      const t = await token();
      expect((await get(WORKSPACES, t)).body.map((w: { name: string }) => w.name)).toEqual([
        'Default',
        'EMEA',
        'North America',
        'APAC',
      ]);
      sandbox.faults.workspacesEnabled = false;
      expect((await get(WORKSPACES, t)).body).toMatchObject([{ id: 1, name: 'Default', status: 'active' }]);
    });

    it('starts without workspaces when asked to', async () => {
      const plain = await startSandbox({ workspacesEnabled: false });
      try {
        const t = await token(plain);
        const response = await fetch(`${plain.url}${WORKSPACES}`, { headers: { Authorization: `Bearer ${t}` } });
        expect(await response.json()).toHaveLength(1);
      } finally {
        await plain.close();
      }
    });

    it('pages users (default 20, at most 200)', async () => {
      const t = await token();
      const first = await get('/userservice/management/v1/users/allusers.json', t);
      expect(first.body).toHaveLength(20);
      expect(first.body[0]).toMatchObject({ userid: 'sia-api@sandbox.example', apiOnly: true });
      const rest = await get('/userservice/management/v1/users/allusers.json?pageSize=200&pageOffset=20', t);
      expect(rest.body).toHaveLength(5);
      const tooBig = await get('/userservice/management/v1/users/allusers.json?pageSize=201', t);
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.errors[0].code).toBe('1003');
    });

    it('lists roles', async () => {
      const t = await token();
      expect(
        (await get('/userservice/management/v1/users/roles.json', t)).body.map((r: { name: string }) => r.name),
      ).toContain('Admin');
    });

    it('answers the usage call in the REST envelope, counting the calls of the day', async () => {
      const t = await token();
      await get(WORKSPACES, t);
      const { status, body } = await get('/rest/v1/stats/usage.json', t);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        success: true,
        result: [{ date: '2025-01-15', total: 2, users: [{ userId: 'sia-api@sandbox.example', count: 2 }] }],
      });
      expect(body.requestId).toMatch(/^[0-9a-f]{4}#[0-9a-f]+$/);
    });

    it('answers 610 for an unknown REST resource', async () => {
      const t = await token();
      expect((await get('/rest/v1/nothing.json', t)).body).toMatchObject({ success: false, errors: [{ code: '610' }] });
    });
  });

  describe('limits', () => {
    it('allows 100 calls per 20 s, then 606 until the window moves', async () => {
      const t = await token();
      for (let i = 0; i < 100; i += 1) expect((await get('/rest/v1/stats/usage.json', t)).body.success).toBe(true);
      expect((await get('/rest/v1/stats/usage.json', t)).body.errors[0].code).toBe('606');
      clock.advance(19_999);
      expect((await get(WORKSPACES, t)).body.errors[0].code).toBe('606');
      clock.advance(1);
      expect((await get(WORKSPACES, t)).status).toBe(200);
      expect(sandbox.stats()).toMatchObject({ calls: 101, rejected606: 2, peakWindowCalls: 100 });
    });

    it('refuses an 11th concurrent call with 615', async () => {
      const slow = await startSandbox({ clock, latencyMs: 150 });
      try {
        const t = await token(slow);
        const responses = await Promise.all(
          Array.from({ length: 15 }, () =>
            fetch(`${slow.url}/rest/v1/stats/usage.json`, { headers: { Authorization: `Bearer ${t}` } }).then((r) =>
              r.json(),
            ),
          ),
        );
        const codes = responses.map((b: Loose) => (b.success ? 'ok' : b.errors[0].code));
        expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
        expect(codes.filter((c) => c === '615')).toHaveLength(5);
        expect(slow.stats()).toMatchObject({ calls: 10, rejected615: 5, peakConcurrent: 10, concurrent: 0 });
      } finally {
        await slow.close();
      }
    });

    it('answers 607 once the daily quota is used, until midnight in Chicago', async () => {
      const small = await startSandbox({ clock, dailyQuota: 3 });
      try {
        // Tokens are fetched per call: a day's worth of clock outlives them.
        const call = async () => {
          const r = await fetch(`${small.url}/rest/v1/stats/usage.json`, {
            headers: { Authorization: `Bearer ${await token(small)}` },
          });
          return (await r.json()) as Loose;
        };
        const code = async () => {
          const body = await call();
          return body.success ? 'ok' : body.errors[0].code;
        };
        expect([await code(), await code(), await code(), await code()]).toEqual(['ok', 'ok', 'ok', '607']);
        // 18:00 UTC is noon in Chicago: midnight is 12 hours on.
        clock.advance(12 * 3600_000 - 60_000);
        expect(await code()).toBe('607');
        clock.advance(60_000);
        expect((await call()).result[0]).toMatchObject({ date: '2025-01-16', total: 1 });
      } finally {
        await small.close();
      }
    });
  });

  describe('faults', () => {
    it.each(['601', '602', '603', '604', '606', '607', '608', '611', '614', '615', '1008'] as const)(
      'injects %s once, in both API styles',
      async (code) => {
        const t = await token();
        sandbox.faults.next(code, 2);
        expect((await get('/rest/v1/stats/usage.json', t)).body).toMatchObject({ success: false, errors: [{ code }] });
        const um = await get(WORKSPACES, t);
        expect(um.status).toBeGreaterThanOrEqual(400);
        expect(um.body.errors[0].code).toBe(code);
        expect(um.body.success).toBeUndefined();
        expect((await get(WORKSPACES, t)).status).toBe(200);
      },
    );

    it.each([
      ['500', 500, /<html>/],
      ['502', 502, /<html>/],
      ['503', 503, /<html>/],
      ['429', 429, /Too Many Requests/],
      ['bad-json', 200, /tr$/],
    ] as const)('injects %s as HTTP %i', async (code, status, body) => {
      const t = await token();
      sandbox.faults.next(code);
      const response = await get(WORKSPACES, t);
      expect(response.status).toBe(status);
      expect(String(response.body)).toMatch(body);
    });

    it('injects identity faults separately', async () => {
      sandbox.faults.next('bad-credentials');
      sandbox.faults.next('503', 1, 'identity');
      expect((await fetch(tokenUrl(sandbox))).status).toBe(401);
      expect((await fetch(tokenUrl(sandbox))).status).toBe(503);
      expect((await fetch(tokenUrl(sandbox))).status).toBe(200);
    });

    it('delays responses (real time) and frees the slot when the client gives up', async () => {
      const t = await token();
      sandbox.faults.delayNext(5_000, 1);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 30);
      await expect(
        fetch(`${sandbox.url}${WORKSPACES}`, { headers: { Authorization: `Bearer ${t}` }, signal: controller.signal }),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sandbox.stats().concurrent).toBe(0);
      expect((await get(WORKSPACES, t)).status).toBe(200);
    });

    it('are driven over HTTP by POST /__sandbox/faults', async () => {
      const t = await token();
      const response = await control({ next: [{ code: '606', count: 2 }], workspacesEnabled: false, dailyQuota: 10 });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Loose).faults).toMatchObject({
        pending: [{ code: '606', remaining: 2, target: 'api' }],
        workspacesEnabled: false,
        dailyQuota: 10,
      });
      expect((await get(WORKSPACES, t)).body.errors[0].code).toBe('606');
      expect((await get(WORKSPACES, t)).body.errors[0].code).toBe('606');
      expect((await get(WORKSPACES, t)).body).toHaveLength(1);
      expect((await control({ clear: true, expireTokens: true })).status).toBe(200);
      expect((await get(WORKSPACES, t)).body.errors[0].code).toBe('602');
    });

    it.each([
      [{ next: { code: 'nope' } }],
      [{ next: [{ code: '606', count: -1 }] }],
      [{ delay: { ms: 'slow' } }],
      [{ workspacesEnabled: 'no' }],
      [[1, 2]],
    ])('rejects the malformed control request %j and applies nothing', async (body) => {
      const response = await control(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as Loose).problems.length).toBeGreaterThan(0);
      expect(sandbox.faults.snapshot().pending).toEqual([]);
    });

    it('takes control requests as JSON only', async () => {
      const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        body: '{"workspacesEnabled":false}',
      });
      expect(response.status).toBe(415);
      expect(sandbox.faults.workspacesEnabled).toBe(true);
    });

    it('reports and resets stats', async () => {
      const t = await token();
      sandbox.faults.next('606');
      await get(WORKSPACES, t);
      await get(WORKSPACES, t);
      const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as Record<string, number>;
      expect(stats).toMatchObject({ calls: 1, faultsInjected: 1, tokenRequests: 1, tokensIssued: 1 });
      await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
      expect(sandbox.stats()).toMatchObject({ calls: 0, faultsInjected: 0 });
    });
  });
});
