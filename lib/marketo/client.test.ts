// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMarketoClient, type MarketoClient, type MarketoClientOptions } from './client.ts';
import { MarketoError } from './errors.ts';
import {
  fakeFetch,
  json,
  restError,
  restOk,
  text,
  tokenResponse,
  type Step,
} from '../../tests/doubles/marketo-fetch.ts';

const SECRET = 'Cl1ent-Secret-Never-Shown-9f8e7d';
const WORKSPACES = [
  { id: 1, name: 'Default', status: 'active' },
  { id: 1001, name: 'EMEA', status: 'active' },
];
const USAGE = [{ date: '2025-01-15', total: 3, users: [{ userId: 'api@example.com', count: 3 }] }];

/** Every error any test saw, checked at the end for leaked secrets. */
const seen: MarketoError[] = [];

function setup(script: { identity?: Step[]; api: Step[] }, options: Partial<MarketoClientOptions> = {}) {
  let time = 1_700_000_000_000;
  const sleeps: number[] = [];
  const fake = fakeFetch(script);
  const client = createMarketoClient({
    munchkinId: '123-ABC-456',
    clientId: 'client-1',
    clientSecret: SECRET,
    fetch: fake.fetch,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    timeoutMs: 50,
    ...options,
  });
  return { client, sleeps, fake };
}

async function failure(promise: Promise<unknown>): Promise<MarketoError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof MarketoError) {
      seen.push(e);
      return e;
    }
    throw e;
  }
  throw new Error('expected a failure');
}

// The same policy must hold for both response styles.
const styles = [
  {
    style: 'REST envelope',
    call: (c: MarketoClient) => c.getDailyUsage(),
    ok: restOk(USAGE),
    expected: USAGE,
    error: (code: string) => restError(code, `Marketo says ${code}`),
  },
  {
    style: 'User Management',
    call: (c: MarketoClient) => c.getWorkspaces(),
    ok: json(200, WORKSPACES),
    expected: WORKSPACES,
    error: (code: string) =>
      json(code === '603' || code === '1008' ? 403 : code.startsWith('60') ? 429 : 400, {
        errors: [{ code, message: `Marketo says ${code}` }],
      }),
  },
] as const;

describe.each(styles)('$style calls', ({ call, ok, expected, error }) => {
  it('send the token as a Bearer header, never in the query', async () => {
    const { client, fake } = setup({ api: [ok] });
    expect(await call(client)).toEqual(expected);
    const request = fake.apiCalls[0]!;
    expect(request.headers.get('authorization')).toBe('Bearer tok-1');
    expect(request.url.searchParams.has('access_token')).toBe(false);
  });

  it.each(['601', '602'])('%s: get a new token and retry once', async (code) => {
    const { client, fake, sleeps } = setup({ api: [error(code), ok] });
    expect(await call(client)).toEqual(expected);
    expect(fake.identityCalls).toHaveLength(2);
    expect(fake.apiCalls.map((r) => r.headers.get('authorization'))).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(sleeps).toEqual([]);
  });

  it.each(['601', '602'])('%s twice: give up after the one retry', async (code) => {
    const { client, fake } = setup({ api: [error(code)] });
    expect((await failure(call(client))).code).toBe(code);
    expect(fake.apiCalls).toHaveLength(2);
    expect(fake.identityCalls).toHaveLength(2);
  });

  it.each([
    ['606', () => error('606')],
    ['615', () => error('615')],
    ['608', () => error('608')],
    ['604', () => error('604')],
    ['HTTP 500', () => text(500, '<html>Internal</html>')],
    ['HTTP 502', () => text(502, '<html>Bad Gateway</html>')],
    ['HTTP 503', () => text(503, '')],
    ['HTTP 429', () => text(429, 'Too Many Requests')],
    ['network failure', () => 'network-error' as const],
  ])('%s: back off, then succeed', async (_label, failing) => {
    const { client, fake, sleeps } = setup({ api: [failing(), failing(), ok] });
    expect(await call(client)).toEqual(expected);
    expect(fake.apiCalls).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
    expect(fake.identityCalls).toHaveLength(1);
  });

  it.each(['606', '615', '608', '604'])('%s every time: give up after 3 retries', async (code) => {
    const { client, fake, sleeps } = setup({ api: [error(code)] });
    const e = await failure(call(client));
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(true);
    expect(fake.apiCalls).toHaveLength(4);
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it.each([
    ['603', /Access denied.*Ask your Marketo admin/s],
    ['607', /resets at midnight US Central time \(CST\)/],
    ['614', /cannot find or reach this subscription/],
    ['1008', /partition/],
    ['611', /system error/],
    ['610', /code 610/],
  ])('%s: stop at once with an actionable message', async (code, message) => {
    const { client, fake, sleeps } = setup({ api: [error(code), ok] });
    const e = await failure(call(client));
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(message);
    expect(fake.apiCalls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([
    ['malformed JSON', text(200, '{"success": tr')],
    ['HTML instead of JSON', text(200, '<html><body>Sign in</body></html>')],
    ['an empty body', text(200, '')],
    ['JSON null', json(200, null)],
    ['a wrong shape', json(200, { result: 'nope', success: 'yes' })],
  ])('%s: bad-response, no retry', async (_label, response) => {
    const { client, fake } = setup({ api: [response, ok] });
    const e = await failure(call(client));
    expect(e.code).toBe('bad-response');
    expect(fake.apiCalls).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    const { client, sleeps } = setup({ api: [text(429, '', { 'Retry-After': '7' }), ok] });
    await call(client);
    expect(sleeps).toEqual([7000]);
  });

  it('times out a call that never answers, and does not repeat it', async () => {
    const { client, fake } = setup({ api: ['hang', ok] });
    const e = await failure(call(client));
    expect(e.code).toBe('timeout');
    expect(e.retryable).toBe(true);
    expect(fake.apiCalls).toHaveLength(1);
  });
});

describe('shapes', () => {
  it.each([
    ['workspaces not a list', (c: MarketoClient) => c.getWorkspaces(), json(200, { workspaces: [] })],
    ['workspace id as text', (c: MarketoClient) => c.getWorkspaces(), json(200, [{ id: '1', name: 'Default' }])],
    ['workspace without a name', (c: MarketoClient) => c.getWorkspaces(), json(200, [{ id: 1 }])],
    ['users without userid', (c: MarketoClient) => c.getUsers(), json(200, [{ id: 1, firstName: 'A' }])],
    ['roles as an object', (c: MarketoClient) => c.getRoles(), json(200, { id: 1 })],
    ['usage result of strings', (c: MarketoClient) => c.getDailyUsage(), restOk(['x'])],
  ])('%s → bad-response', async (_label, call, response) => {
    const { client } = setup({ api: [response] });
    expect((await failure(call(client))).code).toBe('bad-response');
  });

  it('normalises users and drops nulls', async () => {
    const { client, fake } = setup({
      api: [
        json(200, [
          {
            userid: 'ada@example.com',
            firstName: 'Ada',
            lastName: null,
            emailAddress: 'ada@example.com',
            id: 7,
            apiOnly: false,
            extra: 1,
          },
        ]),
      ],
    });
    expect(await client.getUsers({ pageSize: 200, pageOffset: 400 })).toEqual([
      { id: 7, userId: 'ada@example.com', firstName: 'Ada', emailAddress: 'ada@example.com', apiOnly: false },
    ]);
    const url = fake.apiCalls[0]!.url;
    expect(url.pathname).toBe('/userservice/management/v1/users/allusers.json');
    expect(Object.fromEntries(url.searchParams)).toEqual({ pageSize: '200', pageOffset: '400' });
  });

  it('reads roles', async () => {
    const { client, fake } = setup({
      api: [json(200, [{ id: 1, name: 'Admin', type: 'system', onlyAllZones: true, hidden: false }])],
    });
    expect(await client.getRoles()).toEqual([{ id: 1, name: 'Admin', type: 'system', onlyAllZones: true }]);
    expect(fake.apiCalls[0]!.url.href).toBe(
      'https://123-abc-456.mktorest.com/userservice/management/v1/users/roles.json',
    );
  });

  it.each([{ pageSize: 0 }, { pageSize: 201 }, { pageSize: 1.5 }, { pageOffset: -1 }])(
    'refuses the page %j before calling',
    async (page) => {
      const { client, fake } = setup({ api: [json(200, [])] });
      expect(() => client.getUsers(page)).toThrow(RangeError);
      expect(fake.apiCalls).toHaveLength(0);
    },
  );
});

describe('checkConnection', () => {
  it.each([
    [WORKSPACES, true],
    [[{ id: 1, name: 'Default', status: 'active' }], false],
    [[{ id: 1, name: 'Standard', status: 'active' }], false],
  ])('with %j workspaces enabled is %s', async (workspaces, enabled) => {
    const { client } = setup({ api: [json(200, workspaces)] });
    expect(await client.checkConnection()).toEqual({ workspacesEnabled: enabled, workspaces });
  });

  it('asks the identity endpoint every time, so a changed secret is noticed', async () => {
    const { client, fake } = setup({
      identity: [tokenResponse('tok-A'), tokenResponse('tok-A', 3500)],
      api: [json(200, WORKSPACES)],
    });
    await client.checkConnection();
    await client.checkConnection();
    expect(fake.identityCalls).toHaveLength(2);
  });

  it('turns a 603 on workspaces into the permission message', async () => {
    const { client } = setup({ api: [json(403, { errors: [{ code: '603', message: 'Access denied' }] })] });
    const e = await failure(client.checkConnection());
    expect(e.code).toBe('603');
    expect(e.message).toContain('Access User Management Api');
    expect(e.message).toContain('Ask your Marketo admin');
  });

  it('stops at bad credentials without calling the API', async () => {
    const { client, fake, sleeps } = setup({
      identity: [json(401, { error: 'invalid_client', error_description: 'Bad client credentials' })],
      api: [json(200, WORKSPACES)],
    });
    const e = await failure(client.checkConnection());
    expect(e.code).toBe('bad-credentials');
    expect(fake.identityCalls).toHaveLength(1);
    expect(fake.apiCalls).toHaveLength(0);
    expect(sleeps).toEqual([]);
  });

  it('backs off when the identity endpoint is briefly down', async () => {
    const { client, sleeps } = setup({
      identity: [text(503, ''), tokenResponse('tok-A')],
      api: [json(200, WORKSPACES)],
    });
    expect((await client.checkConnection()).workspacesEnabled).toBe(true);
    expect(sleeps).toEqual([1000]);
  });
});

describe('settings', () => {
  it.each([
    [{ munchkinId: 'nope' }, 'bad-config'],
    [{ restBaseUrl: 'http://example.com/rest' }, 'bad-config'],
    [{ clientSecret: '' }, 'bad-credentials'],
    [{ clientSecret: `${SECRET} ` }, 'bad-credentials'],
    [{ clientId: 'client 1' }, 'bad-credentials'],
  ])('%j is refused before any request with %s', (override, code) => {
    let error: unknown;
    try {
      createMarketoClient({ munchkinId: '123-ABC-456', clientId: 'client-1', clientSecret: SECRET, ...override });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MarketoError);
    expect((error as MarketoError).code).toBe(code);
    seen.push(error as MarketoError);
  });

  it('uses the REST host for User Management and exposes the endpoints', () => {
    const { client } = setup(
      { api: [] },
      { restBaseUrl: 'http://127.0.0.1:4010/rest', identityBaseUrl: 'http://127.0.0.1:4010/identity' },
    );
    expect(client.endpoints.userManagementBaseUrl).toBe('http://127.0.0.1:4010');
  });

  it('forgetToken makes the next call ask for a new token', async () => {
    const { client, fake } = setup({ api: [json(200, WORKSPACES)] });
    await client.getWorkspaces();
    await client.forgetToken();
    await client.getWorkspaces();
    expect(fake.identityCalls).toHaveLength(2);
  });
});

describe('secrets', () => {
  it('a Marketo message quoting the secret or token is redacted', async () => {
    const { client } = setup({ api: [restError('799', `rejected ${SECRET} and tok-1`)] });
    const e = await failure(client.getDailyUsage());
    expect(e.message).not.toContain(SECRET);
    expect(e.detail).toBe('rejected [redacted] and [redacted]');
  });

  it('a network error on the token URL (which holds the secret) does not quote it', async () => {
    const { client } = setup({ identity: ['network-error'], api: [] }, { retry: { maxRetries: 0 } });
    const e = await failure(client.getToken());
    expect(e.code).toBe('network');
    expect(e.message).toBe(
      'Could not reach 123-abc-456.mktorest.com: check the Munchkin ID / REST URL and your network.',
    );
  });

  it('no error seen in this file shows the client secret or an access token', () => {
    expect(seen.length).toBeGreaterThan(50);
    for (const e of seen) {
      const everything = `${e.message} ${e.detail ?? ''} ${JSON.stringify(e)} ${String(e.stack)}`;
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toMatch(/tok-\d/);
    }
  });
});
