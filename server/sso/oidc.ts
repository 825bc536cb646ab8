import * as client from 'openid-client';
import { fail, ok, type Result } from '../../lib/domain/result.ts';
import type { ProviderClaims } from '../../lib/features/identity/rules.ts';

/**
 * The OpenID Connect protocol, all of it done by `openid-client` (panva's,
 * certified): discovery, the authorization URL with PKCE (S256), state and
 * nonce, the code exchange, and the ID token's checks (signature from the
 * provider's JWKS, issuer, audience, expiry, nonce; state against the one
 * sent). Nothing here parses a JWT or a discovery document by hand.
 */

export interface OidcOptions {
  /** Loopback http providers (tests and development, as for the Marketo sandbox); https only otherwise. */
  allowLoopback: boolean;
  /** The server's clock (tests move it): ID token times are judged against it. */
  now: () => number;
  /** How long one provider request may take. */
  timeoutSeconds?: number;
}

export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const isLoopbackHttp = (issuer: string) => {
  const url = new URL(issuer);
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
};

async function configurationOf(
  { issuer, clientId, clientSecret }: ProviderClient,
  options: OidcOptions,
): Promise<client.Configuration> {
  const insecure = options.allowLoopback && isLoopbackHttp(issuer);
  const config = await client.discovery(
    new URL(issuer),
    clientId,
    {
      // Seconds to add to this machine's clock to get the server's (its injected clock, moved by tests).
      [client.clockSkew]: Math.round((options.now() - Date.now()) / 1000),
    },
    // Discovery alone (a registration's check) has no secret to send.
    clientSecret === '' ? client.None() : client.ClientSecretPost(clientSecret),
    { execute: insecure ? [client.allowInsecureRequests] : [], timeout: options.timeoutSeconds ?? 10 },
  );
  return config;
}

/**
 * The issuer an OpenID provider states in its discovery document, read from
 * the URL typed (and, when that fails, the same URL with or without its
 * trailing slash, the usual difference). Checked when the owner registers it.
 */
export async function discoverIssuer(issuer: string, options: OidcOptions): Promise<Result<string>> {
  const tries = [issuer, issuer.endsWith('/') ? issuer.slice(0, -1) : `${issuer}/`];
  for (const candidate of tries) {
    try {
      const config = await configurationOf({ issuer: candidate, clientId: 'discovery', clientSecret: '' }, options);
      const stated = config.serverMetadata();
      if (!stated.authorization_endpoint || !stated.token_endpoint || !stated.jwks_uri) break;
      return ok(stated.issuer);
    } catch {
      // The next form, or the refusal below.
    }
  }
  return fail(
    'sso-discovery-failed',
    `No OpenID provider answered at ${issuer}/.well-known/openid-configuration: check the issuer URL your identity provider shows.`,
    'issuer',
  );
}

/** What one sign-in attempt keeps on the server until its callback. */
export interface Attempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  url: string;
}

/** The provider's authorization URL for one attempt: code flow, PKCE S256, a fresh state and nonce. */
export async function startAttempt(
  provider: ProviderClient,
  redirectUri: string,
  options: OidcOptions,
  loginHint?: string,
): Promise<Attempt> {
  const config = await configurationOf(provider, options);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(loginHint && { login_hint: loginHint }),
  });
  return { state, nonce, codeVerifier, url: url.href };
}

/**
 * The provider's answer at the callback URL, checked whole by openid-client:
 * the state it carries against the attempt's, the code exchanged with the
 * attempt's PKCE verifier, and an ID token required, signed by the provider,
 * for this client, unexpired, with the attempt's nonce. Answers its claims.
 */
export async function finishAttempt(
  provider: ProviderClient,
  callbackUrl: URL,
  attempt: Omit<Attempt, 'url'>,
  options: OidcOptions,
): Promise<Result<ProviderClaims>> {
  let config: client.Configuration;
  try {
    config = await configurationOf(provider, options);
  } catch {
    return fail('sso-refused', 'The identity provider cannot be reached: try again in a minute.');
  }
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return fail('sso-refused', 'The identity provider sent no ID token.');
    return ok(claims as ProviderClaims);
  } catch (error) {
    return fail('sso-refused', `The identity provider’s answer failed a check: ${reasonOf(error)}.`);
  }
}

/** openid-client's own words for what failed (a claim, a signature, the state), without any token. */
function reasonOf(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; cause?: { claim?: unknown } } | undefined;
  const message = typeof e?.message === 'string' ? e.message.slice(0, 200) : 'unexpected answer';
  return typeof e?.cause?.claim === 'string' ? `${message} (${e.cause.claim})` : message;
}
