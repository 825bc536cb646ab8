// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, text, tokenResponse, type Step } from '../../tests/doubles/marketo-fetch.ts';
import { createTokenProvider, memoryTokenStore, type CachedToken, type TokenStore } from './token.ts';
import { failure } from '../../tests/doubles/marketo-failure.ts';

const SECRET = 'Sup3r-Secret-Client-Value-42';
const IDENTITY = 'https://123-abc-456.mktorest.com/identity';
const START = 1_700_000_000_000;

function setup(identity: Step[], options: { store?: TokenStore; timeoutMs?: number } = {}) {
  let time = START;
  const fake = fakeFetch({ identity, api: [] });
  const provider = createTokenProvider({
    identityBaseUrl: IDENTITY,
    clientId: 'client-1',
    clientSecret: SECRET,
    fetch: fake.fetch,
    now: () => time,
    store: options.store ?? memoryTokenStore(),
    timeoutMs: options.timeoutMs ?? 1000,
  });
  return {
    provider,
    calls: fake.identityCalls,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('token provider', () => {
  it('asks the identity endpoint with client credentials in a POST form body, never in the URL', async () => {
    const { provider, calls } = setup([tokenResponse('tok-A')]);
    expect(await provider.getToken()).toBe('tok-A');
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.url.href).toBe(`${IDENTITY}/oauth/token`);
    expect(call.url.href).not.toContain(SECRET);
    expect(call.method).toBe('POST');
    expect(call.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      client_secret: SECRET,
    });
  });

  it('reuses the token until 60 s before expiry, then asks again', async () => {
    const { provider, calls, advance } = setup([tokenResponse('tok-A', 3600), tokenResponse('tok-B', 3600)]);
    expect(await provider.getToken()).toBe('tok-A');
    advance(3600_000 - 60_001);
    expect(await provider.getToken()).toBe('tok-A');
    expect(calls).toHaveLength(1);
    advance(1);
    expect(await provider.getToken()).toBe('tok-B');
    expect(calls).toHaveLength(2);
  });

  it('uses a token handed out near its end until it expires, without asking on every call', async () => {
    const { provider, calls, advance } = setup([tokenResponse('tok-old', 30), tokenResponse('tok-new', 3600)]);
    expect(await provider.getToken()).toBe('tok-old');
    advance(29_999);
    expect(await provider.getToken()).toBe('tok-old');
    expect(calls).toHaveLength(1);
    advance(1);
    expect(await provider.getToken()).toBe('tok-new');
  });

  it('lets concurrent callers share one request', async () => {
    const { provider, calls } = setup([tokenResponse('tok-A')]);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['tok-A']));
    expect(calls).toHaveLength(1);
  });

  it('asks again after a failed request', async () => {
    const { provider, calls } = setup([text(503, 'down'), tokenResponse('tok-A')]);
    expect((await failure(provider.getToken())).code).toBe('http-5xx');
    expect(await provider.getToken()).toBe('tok-A');
    expect(calls).toHaveLength(2);
  });

  it('asks Marketo even with a cached token when told to (fresh)', async () => {
    const { provider, calls } = setup([tokenResponse('tok-A'), tokenResponse('tok-A', 3500)]);
    await provider.getToken();
    expect(await provider.getToken({ fresh: true })).toBe('tok-A');
    expect(calls).toHaveLength(2);
  });

  it('invalidate forgets only the token that was rejected', async () => {
    const { provider, calls } = setup([tokenResponse('tok-A'), tokenResponse('tok-B')]);
    await provider.getToken();
    await provider.invalidate('tok-other');
    expect(await provider.getToken()).toBe('tok-A');
    await provider.invalidate('tok-A');
    expect(await provider.getToken()).toBe('tok-B');
    expect(calls).toHaveLength(2);
  });

  it('keeps the token in the injected store', async () => {
    let saved: CachedToken | undefined;
    const store: TokenStore = {
      get: async () => saved,
      set: async (t) => {
        saved = t;
      },
      clear: async () => {
        saved = undefined;
      },
    };
    const first = setup([tokenResponse('tok-A')], { store });
    await first.provider.getToken();
    expect(saved).toMatchObject({
      accessToken: 'tok-A',
      expiresAt: START + 3600_000,
      refreshAt: START + 3540_000,
      scope: 'api@example.com',
    });
    // A worker restart: a new provider over the same store asks nothing.
    const second = setup([tokenResponse('tok-B')], { store });
    expect(await second.provider.getToken()).toBe('tok-A');
    expect(second.calls).toHaveLength(0);
  });

  it('ignores a stored token from another connection', async () => {
    const store = memoryTokenStore();
    await store.set({
      accessToken: 'tok-elsewhere',
      expiresAt: START + 3600_000,
      refreshAt: START + 3540_000,
      owner: 'https://other/identity#x',
    });
    const { provider } = setup([tokenResponse('tok-A')], { store });
    expect(await provider.getToken()).toBe('tok-A');
  });

  it.each([
    [
      '401 invalid_client',
      json(401, { error: 'invalid_client', error_description: 'Bad client credentials' }),
      'bad-credentials',
    ],
    ['401 unauthorized', json(401, { error: 'unauthorized', error_description: 'No such client' }), 'bad-credentials'],
    ['400 invalid_request', json(400, { error: 'invalid_request' }), 'bad-credentials'],
    ['500', text(500, '<html>oops</html>'), 'http-5xx'],
    ['404 (wrong identity URL)', text(404, 'Not Found'), 'http-status'],
    ['200 not JSON', text(200, '<html>login</html>'), 'bad-response'],
    ['200 without access_token', json(200, { token_type: 'bearer', expires_in: 3600 }), 'bad-response'],
    ['200 with a number for a token', json(200, { access_token: 12, expires_in: 3600 }), 'bad-response'],
    ['200 with negative lifetime', json(200, { access_token: 'x', expires_in: -5 }), 'bad-response'],
    [
      '200 with another token type',
      json(200, { access_token: 'x', token_type: 'mac', expires_in: 3600 }),
      'bad-response',
    ],
    ['network failure', 'network-error', 'network'],
    ['no answer', 'hang', 'timeout'],
  ] as const)('%s → %s, never showing the secret', async (_label, step, code) => {
    const { provider } = setup([step], { timeoutMs: 20 });
    const error = await failure(provider.getToken());
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String(error.stack)).not.toContain(SECRET);
  });

  it('says what to do about bad credentials', async () => {
    const { provider } = setup([json(401, { error: 'invalid_client', error_description: 'Bad client credentials' })]);
    expect((await failure(provider.getToken())).message).toBe(
      'Marketo refused the Client ID or Client Secret. Copy them again from Admin > LaunchPoint > View Details, with no spaces.',
    );
  });
});
