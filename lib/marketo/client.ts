import { workspacesEnabledFrom, type ConnectionCheck } from './connection-check.ts';
import { parseShape, readRestResponse, readUserManagementResponse, type ReadContext } from './envelope.ts';
import { badCredentialsError, MarketoError, type MarketoApi } from './errors.ts';
import { getJson, globalFetch, type FetchLike, type JsonResponse } from './http.ts';
import { createRateLimiter, type RateLimits } from './limiter.ts';
import {
  DailyUsageList,
  RoleList,
  UserList,
  WorkspaceList,
  type DailyUsage,
  type MarketoRole,
  type MarketoUser,
  type MarketoWorkspace,
} from './resources.ts';
import { backOffDelay, DEFAULT_RETRY_POLICY, retryActionFor, type RetryPolicy } from './retry.ts';
import { createTokenProvider, memoryTokenStore, type TokenStore } from './token.ts';
import { hostOf, resolveEndpoints, type MarketoEndpoints } from './urls.ts';

export interface MarketoClientOptions {
  munchkinId: string;
  clientId: string;
  clientSecret: string;
  /** Overrides, as shown under Admin > Web Services; default from the Munchkin ID. */
  restBaseUrl?: string | undefined;
  identityBaseUrl?: string | undefined;
  fetch?: FetchLike;
  /** Clock in ms; shared by token expiry and the rate limiter. */
  now?: () => number;
  /** Waiting for the rate limiter and back-off; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Default: in memory. The worker passes one backed by `storage.session`. */
  tokenStore?: TokenStore;
  /** Per HTTP request, body included. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  limits?: Partial<RateLimits>;
}

export interface UsersPage {
  /** 1 to 200; Marketo's default is 20. */
  pageSize?: number;
  pageOffset?: number;
}

export interface MarketoClient {
  readonly endpoints: MarketoEndpoints;
  /** Calls out on the network and calls waiting for the rate limiter (e.g. to show "waiting for Marketo"). */
  activity(): { inFlight: number; queued: number };
  /** A valid access token (cached until shortly before expiry). */
  getToken(): Promise<string>;
  /** Drops the cached token, e.g. when the org disconnects. */
  forgetToken(): Promise<void>;
  getWorkspaces(): Promise<MarketoWorkspace[]>;
  getUsers(page?: UsersPage): Promise<MarketoUser[]>;
  getRoles(): Promise<MarketoRole[]>;
  /** Today's REST usage (`/rest/v1/stats/usage.json`). */
  getDailyUsage(): Promise<DailyUsage[]>;
  /**
   * Proves the settings work: asks the identity endpoint for a token (even if
   * one is cached, so a wrong Client Secret is caught) and reads workspaces.
   * A 603 here means the API user's role lacks the User Management permissions.
   */
  checkConnection(): Promise<ConnectionCheck>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const USER_MANAGEMENT_PATH = '/userservice/management/v1/users';
const MAX_PAGE_SIZE = 200;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Caught before any request: an empty value or an inner space is a bad paste,
// and Marketo would only answer with a vaguer 401.
function checkCredentials(clientId: string, clientSecret: string): void {
  for (const value of [clientId, clientSecret]) {
    if (value.length === 0 || /\s/.test(value)) throw badCredentialsError();
  }
}

function checkPage({ pageSize = 20, pageOffset = 0 }: UsersPage): { pageSize: number; pageOffset: number } {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (!Number.isInteger(pageOffset) || pageOffset < 0)
    throw new RangeError('pageOffset must be a non-negative integer');
  return { pageSize, pageOffset };
}

/**
 * A Marketo client for the org connection. Logs nothing; every failure is a
 * MarketoError whose message never holds the secret or a token.
 * Throws a `bad-config` or `bad-credentials` MarketoError at once when the
 * settings cannot work.
 */
export function createMarketoClient(options: MarketoClientOptions): MarketoClient {
  const endpoints = resolveEndpoints(options);
  checkCredentials(options.clientId, options.clientSecret);
  const fetchFn = options.fetch ?? globalFetch;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? realSleep;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const store = options.tokenStore ?? memoryTokenStore();
  const tokens = createTokenProvider({
    identityBaseUrl: endpoints.identityBaseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch: fetchFn,
    now,
    store,
    timeoutMs,
  });
  // Identity calls bypass the limiter: one an hour, and REST calls queued in
  // the limiter are waiting for that very token.
  const limiter = createRateLimiter({ limits: options.limits ?? {}, now, sleep });
  const restHost = hostOf(endpoints.restBaseUrl);

  /** Runs `attempt` under the error policy (see retry.ts); `attempt` records the token it used. */
  async function withPolicy<T>(attempt: (used: { token?: string }) => Promise<T>): Promise<T> {
    let renewed = false;
    let retries = 0;
    for (;;) {
      const used: { token?: string } = {};
      try {
        return await attempt(used);
      } catch (e) {
        if (!(e instanceof MarketoError)) throw e;
        const action = retryActionFor(e);
        if (action === 'renew-token' && !renewed && used.token !== undefined) {
          renewed = true;
          await tokens.invalidate(used.token);
          continue;
        }
        if (action === 'back-off' && retries < policy.maxRetries) {
          await sleep(backOffDelay(retries, policy, e.retryAfterMs));
          retries += 1;
          continue;
        }
        throw e;
      }
    }
  }

  function authorizedGet<T>(
    api: MarketoApi,
    url: string,
    read: (response: JsonResponse, ctx: ReadContext) => T,
  ): Promise<T> {
    return withPolicy(async (used) => {
      const token = await tokens.getToken();
      used.token = token;
      const response = await limiter.run(() =>
        // Header only: the access_token query parameter is retired.
        getJson(fetchFn, url, { headers: { Authorization: `Bearer ${token}` }, timeoutMs, host: restHost }),
      );
      return read(response, { api, host: restHost, secrets: [options.clientSecret, token] });
    });
  }

  function userManagementGet<T>(path: string, read: (body: unknown, ctx: ReadContext) => T): Promise<T> {
    return authorizedGet(
      'user-management',
      `${endpoints.userManagementBaseUrl}${USER_MANAGEMENT_PATH}${path}`,
      (response, ctx) => read(readUserManagementResponse(response, ctx), ctx),
    );
  }

  const getWorkspaces = (): Promise<MarketoWorkspace[]> =>
    userManagementGet('/workspaces.json', (body, ctx) => parseShape(WorkspaceList, body, 'workspace list', ctx));

  return {
    endpoints,
    activity: () => ({ inFlight: limiter.inFlight, queued: limiter.queued }),
    getToken: () => withPolicy(() => tokens.getToken()),
    forgetToken: () => store.clear(),
    getWorkspaces,
    getUsers(page = {}) {
      const { pageSize, pageOffset } = checkPage(page);
      const query = new URLSearchParams({ pageSize: String(pageSize), pageOffset: String(pageOffset) });
      return userManagementGet(`/allusers.json?${query.toString()}`, (body, ctx) =>
        parseShape(UserList, body, 'user list', ctx),
      );
    },
    getRoles: () => userManagementGet('/roles.json', (body, ctx) => parseShape(RoleList, body, 'role list', ctx)),
    getDailyUsage: () =>
      authorizedGet('rest', `${endpoints.restBaseUrl}/v1/stats/usage.json`, (response, ctx) =>
        parseShape(DailyUsageList, readRestResponse(response, ctx).result, 'usage result', ctx),
      ),
    async checkConnection() {
      await withPolicy(() => tokens.getToken({ fresh: true }));
      const workspaces = await getWorkspaces();
      return { workspacesEnabled: workspacesEnabledFrom(workspaces), workspaces };
    },
  };
}
