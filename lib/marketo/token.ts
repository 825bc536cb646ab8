import * as v from 'valibot';
import { badCredentialsError, badResponseError, httpStatusError, type MarketoError } from './errors.ts';
import { getJson, type FetchLike } from './http.ts';
import { hostOf } from './urls.ts';

/**
 * Marketo access tokens (2-legged OAuth, client credentials). A token lives
 * one hour; asking again before it expires returns the same token with its
 * remaining lifetime, so a cached token is reused until shortly before expiry
 * rather than asked for on every call.
 */

export interface CachedToken {
  accessToken: string;
  /** Clock time (ms) at which Marketo stops accepting the token. */
  expiresAt: number;
  /** Clock time (ms) from which a new token is asked for instead. */
  refreshAt: number;
  /** The API user owning the custom service, as Marketo reports it. */
  scope?: string;
  /**
   * Which connection the token belongs to (identity URL + Client ID, never the
   * secret): a store shared across reconnections must not hand one
   * instance's token to another.
   */
  owner: string;
}

/** Where the token is kept; the worker passes one backed by `storage.session`. */
export interface TokenStore {
  get(): Promise<CachedToken | undefined>;
  set(token: CachedToken): Promise<void>;
  clear(): Promise<void>;
}

export function memoryTokenStore(): TokenStore {
  let current: CachedToken | undefined;
  return {
    get: async () => current,
    set: async (token) => {
      current = token;
    },
    clear: async () => {
      current = undefined;
    },
  };
}

export interface TokenProviderOptions {
  identityBaseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
  now: () => number;
  store: TokenStore;
  timeoutMs: number;
  /** Renew this long before expiry, so a call never leaves with a token about to die. */
  refreshMarginMs?: number;
}

export interface TokenProvider {
  /** A token valid for at least the refresh margin; `fresh` asks Marketo even if one is cached. */
  getToken(options?: { fresh?: boolean }): Promise<string>;
  /** Forgets `token` after Marketo rejected it (601/602), unless a newer one replaced it already. */
  invalidate(token: string): Promise<void>;
}

const TokenResponse = v.looseObject({
  access_token: v.pipe(v.string(), v.minLength(1)),
  token_type: v.optional(v.string()),
  expires_in: v.pipe(v.number(), v.finite(), v.minValue(0)),
  scope: v.optional(v.string()),
});

const DEFAULT_REFRESH_MARGIN_MS = 60_000;

// Marketo's identity endpoint answers 401 (`invalid_client` or `unauthorized`)
// for a bad Client ID or Secret; 400 (`invalid_request`) when one is missing.
function identityError(status: number, host: string, retryAfterMs: number | undefined): MarketoError {
  if (status === 400 || status === 401 || status === 403) return badCredentialsError(status);
  return httpStatusError(host, status, retryAfterMs);
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { store, now } = options;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const host = hostOf(options.identityBaseUrl);
  const owner = `${options.identityBaseUrl}#${options.clientId}`;
  const ctx = { host };
  let inFlight: Promise<CachedToken> | undefined;

  async function requestToken(): Promise<CachedToken> {
    // Marketo takes these as a GET query or a POST form; a POST form keeps the
    // secret out of URLs, which end up in logs, histories and proxies.
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    });
    // Lifetime is counted from when we asked, so network delay only shortens it.
    const askedAt = now();
    const response = await getJson(options.fetch, `${options.identityBaseUrl}/oauth/token`, {
      form,
      timeoutMs: options.timeoutMs,
      host,
    });
    if (response.status !== 200) throw identityError(response.status, host, response.retryAfterMs);
    if (response.bodyProblem) throw badResponseError(ctx.host, 'token response is not JSON', response.status);
    const parsed = v.safeParse(TokenResponse, response.body);
    if (!parsed.success) throw badResponseError(ctx.host, 'no access token in the identity response', response.status);
    const { access_token, token_type, expires_in, scope } = parsed.output;
    if (token_type !== undefined && token_type.toLowerCase() !== 'bearer') {
      throw badResponseError(ctx.host, 'token type is not bearer', response.status);
    }
    const expiresAt = askedAt + expires_in * 1000;
    // A token handed out with less than the margin left is the old one near its
    // end: Marketo returns it again until it expires, so asking sooner only
    // spends identity calls. Use it to the end; a 602 renews it.
    const refreshAt = expires_in * 1000 > margin ? expiresAt - margin : expiresAt;
    const token: CachedToken = { accessToken: access_token, expiresAt, refreshAt, owner };
    if (scope !== undefined) token.scope = scope;
    return token;
  }

  function shared(): Promise<CachedToken> {
    // Callers arriving while a request is out wait for it instead of asking again.
    inFlight ??= (async () => {
      try {
        const token = await requestToken();
        await store.set(token);
        return token;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  return {
    async getToken({ fresh = false } = {}) {
      if (!fresh) {
        const cached = await store.get();
        if (cached && cached.owner === owner && now() < cached.refreshAt) return cached.accessToken;
      }
      return (await shared()).accessToken;
    },
    async invalidate(token) {
      const cached = await store.get();
      if (cached?.accessToken === token) await store.clear();
    },
  };
}
