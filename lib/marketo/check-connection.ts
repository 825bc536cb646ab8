import { fail, ok, type Result } from '../domain/result.ts';
import { createMarketoClient, isMarketoError, type FetchLike } from './index.ts';
import type { CachedToken, TokenStore } from './token.ts';
import { hostOf, hostPermissionOrigins, isLoopbackUrl } from './urls.ts';
import type { CheckConnection, CheckedConnection } from '../domain/checked-connection.ts';

export interface MarketoCheckDeps {
  /** permissions.contains: the page asked for the instance's host inside the Connect click. */
  hasHostPermission: (origins: string[]) => Promise<boolean>;
  tokenStore: TokenStore;
  fetch?: FetchLike;
}

/**
 * The live check behind "Connect": builds a client for the given settings,
 * makes sure we may reach the instance, gets a token (proving the Client ID
 * and Secret) and reads the workspaces. Records nothing.
 */
export function createMarketoCheck({ hasHostPermission, tokenStore, fetch }: MarketoCheckDeps): CheckConnection {
  return async (fields): Promise<Result<CheckedConnection>> => {
    try {
      const client = createMarketoClient({ ...fields, tokenStore, ...(fetch && { fetch }) });
      const { restBaseUrl, identityBaseUrl } = client.endpoints;
      // The loopback sandbox answers CORS itself; a real instance needs the host permission.
      const remote = [restBaseUrl, identityBaseUrl].filter((url) => !isLoopbackUrl(url));
      if (remote.length > 0 && !(await hasHostPermission(hostPermissionOrigins({ restBaseUrl, identityBaseUrl })))) {
        return fail(
          'host-permission',
          `Marketo Access may not reach ${hostOf(restBaseUrl)} yet: click Connect to Marketo again and choose "Allow" when the browser asks.`,
        );
      }
      const check = await client.checkConnection();
      return ok({
        restBaseUrl,
        identityBaseUrl,
        workspacesEnabled: check.workspacesEnabled,
        workspaces: check.workspaces.map(({ id, name }) => ({ id, name })),
      });
    } catch (error) {
      if (isMarketoError(error)) return fail(error.code, error.message);
      throw error;
    }
  };
}

/** Access tokens live in storage.session: memory only, gone when the browser closes, never on disk. */
export function sessionTokenStore(area: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}): TokenStore {
  const KEY = 'marketo-access-token';
  return {
    get: async () => (await area.get(KEY))[KEY] as CachedToken | undefined,
    set: (token) => area.set({ [KEY]: token }),
    clear: () => area.remove(KEY),
  };
}
