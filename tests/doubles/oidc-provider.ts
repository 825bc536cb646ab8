import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/** Test double marker: a real OpenID provider (panva's oidc-provider) on loopback, for the tests only. */
export const TEST_IDP_MARKER = 'marketo-access test identity provider';

export interface TestUser {
  email: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next sign-in at the provider is (the provider's login screen, answered by the test). */
  signInAs(user: TestUser): void;
  /**
   * Claims to change in the next ID tokens, re-signed with the provider's own
   * key (so the signature is valid and only the claim is wrong); undefined: none.
   */
  tamper(claims: Record<string, unknown> | undefined): void;
  /** The state to put in the next redirects back to the client instead of the one it sent; undefined: none. */
  forgeState(state: string | undefined): void;
  /**
   * A browser: opens `url` and follows every redirect (the provider's login
   * and consent are answered for the user set by `signInAs`) until one leads
   * to a URL `stop` accepts, which it answers without opening it.
   */
  browse(url: string, stop: (url: string) => boolean): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts an OpenID provider on 127.0.0.1 with one confidential client
 * (client_secret_post, PKCE required, the code flow only), ID tokens for 60
 * seconds with the email claims in them, and no login page: the test says
 * who signs in.
 */
export async function startTestIdp(options: { redirectUris: string[] }): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'marketo-access';
  const clientSecret = 'test-client-secret-0123456789';
  let user: TestUser = { email: 'nobody@example.com' };
  let tampered: Record<string, unknown> | undefined;
  let forgedState: string | undefined;
  const accounts = new Map<string, TestUser>();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The email in the ID token itself, as Okta, Entra, Google and Salesforce put it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { IdToken: 60, AccessToken: 60, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      return account
        ? {
            accountId: sub,
            claims: async () => ({
              sub,
              email: account.email,
              email_verified: account.email_verified ?? true,
              name: account.name ?? account.email,
            }),
          }
        : undefined;
    },
  });
  // The tampering of a test: the ID token in the token answer, with some claims changed, signed again.
  provider.use(async (ctx, next) => {
    await next();
    // A forged state: the code goes back to the client with a state this attempt never had.
    const location = String(ctx.response.get('location') ?? '');
    if (forgedState && location.includes('code=')) {
      const back = new URL(location);
      back.searchParams.set('state', forgedState);
      ctx.set('location', back.toString());
    }
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && tampered && body?.id_token) {
      const claims = { ...decodeJwt(body.id_token), ...tampered };
      ctx.body = {
        ...body,
        id_token: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(privateKey),
      };
    }
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!match) return void callback(req, res);
    void (async () => {
      // The login screen, answered: the user the test chose, and consent to the scopes asked.
      const details = await provider.interactionDetails(req, res);
      const accountId = `sub-${user.email}`;
      accounts.set(accountId, user);
      const grant = new provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      void details;
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });

  const browse = async (start: string, stop: (url: string) => boolean) => {
    const cookies = new Map<string, string>();
    let url = start;
    for (let hops = 0; hops < 20; hops++) {
      if (stop(url)) return url;
      const response = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const set of response.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const [name, ...value] = pair!.split('=');
        cookies.set(name!.trim(), value.join('='));
      }
      const location = response.headers.get('location');
      await response.arrayBuffer();
      if (!location) throw new Error(`The browser stopped at ${url} (${response.status}).`);
      url = new URL(location, url).href;
    }
    throw new Error('Too many redirects.');
  };

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (next) => {
      user = next;
      // A browser that already has a session at the provider signs in again without its login screen: its claims
      // are the user's as the test says now.
      accounts.set(`sub-${next.email}`, next);
    },
    tamper: (claims) => void (tampered = claims),
    forgeState: (state) => void (forgedState = state),
    browse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
