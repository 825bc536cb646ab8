import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPasskeys, type Ceremonies } from './passkey.ts';
import { standInAuthenticator } from '../../../../tests/doubles/authenticator.ts';
import { createFakeServer, type FakeServer } from '../../../../tests/doubles/team-server-api.ts';

let server: FakeServer;
let token: string;

const passkeys = (ceremonies: Ceremonies = standInAuthenticator()) =>
  createPasskeys({ serverUrl: server.origin, fetch: server.fetch, ...ceremonies });

beforeEach(() => {
  server = createFakeServer();
  token = server.signIn('olivia@example.com');
});

describe('passkeys on the team server', () => {
  it('registers a passkey for the signed-in member, then signs in with it', async () => {
    const ceremonies = standInAuthenticator();
    expect(await passkeys(ceremonies).register(token, 'Work laptop')).toEqual({ ok: true, value: null });
    expect(ceremonies.startRegistration).toHaveBeenCalledWith({
      optionsJSON: expect.objectContaining({ challenge: 'register-challenge' }),
    });
    expect(server.passkeys.get('cred-1')).toBe('olivia@example.com');
    const [options, verify] = server.requests;
    expect(options?.path).toBe('/api/auth/passkey/generate-register-options?name=Work%20laptop');
    expect(options?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(verify?.body).toEqual({
      response: { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: {} },
      name: 'Work laptop',
    });

    const signedIn = await passkeys().signIn();
    expect(signedIn.ok).toBe(true);
    expect(server.sessions.get(signedIn.ok ? signedIn.value : '')).toBe('olivia@example.com');
  });

  it('hands the server’s challenge back in its header, and sends no cookies', async () => {
    const fetch = vi.fn(server.fetch);
    expect(
      await createPasskeys({ serverUrl: server.origin, fetch, ...standInAuthenticator() }).register(token),
    ).toEqual({
      ok: true,
      value: null,
    });
    expect(fetch.mock.calls.map(([, init]) => init.credentials)).toEqual(['omit', 'omit']);
    expect(new Headers(fetch.mock.calls[1]![1].headers).get('x-passkey-challenge')).toBe(
      'better-auth-passkey=register',
    );
  });

  it('a closed passkey dialog changes nothing', async () => {
    const ceremonies = standInAuthenticator();
    vi.mocked(ceremonies.startAuthentication).mockRejectedValue(
      Object.assign(new Error('closed'), { name: 'NotAllowedError' }),
    );
    expect(await passkeys(ceremonies).signIn()).toMatchObject({ ok: false, problem: { code: 'passkey-cancelled' } });
    expect(server.requests.map((r) => r.path)).toEqual(['/api/auth/passkey/generate-authenticate-options']);
  });

  it('a passkey the server does not know says to sign in with a code', async () => {
    expect(await passkeys().signIn()).toMatchObject({ ok: false, problem: { code: 'passkey-failed' } });
  });

  it('registration needs a session, and a recent one', async () => {
    expect(await passkeys().register('expired')).toMatchObject({ ok: false, problem: { code: 'not-signed-in' } });
    server.fault({ status: 403, body: { code: 'SESSION_NOT_FRESH' } });
    expect(await passkeys().register(token)).toMatchObject({ ok: false, problem: { code: 'session-not-fresh' } });
  });

  it('options that are not options are not handed to the browser', async () => {
    const ceremonies = standInAuthenticator();
    server.fault({ status: 200, body: { nope: true } });
    expect(await passkeys(ceremonies).signIn()).toMatchObject({ ok: false, problem: { code: 'bad-response' } });
    expect(ceremonies.startAuthentication).not.toHaveBeenCalled();
  });
});
