import type { ConnectionFields } from '../../lib/domain/connection-fields.ts';
import { fail } from '../../lib/domain/result.ts';
import { createMarketoCheck } from '../../lib/marketo/check-connection.ts';
import type { FetchLike } from '../../lib/marketo/http.ts';
import type { CheckConnection } from '../../lib/domain/checked-connection.ts';
import { memoryTokenStore, type TokenStore } from '../../lib/marketo/token.ts';
import { isLoopbackUrl } from '../../lib/domain/marketo-endpoints.ts';

export interface MarketoCheckOptions {
  /** Only tests and development scripts (env MARKETO_ALLOW_LOOPBACK=1): the sandbox on 127.0.0.1. */
  allowLoopback: boolean;
  fetch?: FetchLike;
}

/**
 * The Marketo check for each org: the server reaches any host (no browser
 * permission to ask for), keeps one org's access token in memory, and
 * refuses loopback endpoints unless told otherwise, so a member cannot point
 * the server at its own network.
 */
export function marketoChecks({
  allowLoopback,
  fetch: fetchImpl = (input, init) => fetch(input, init),
}: MarketoCheckOptions): (orgId: string) => CheckConnection {
  const tokens = new Map<string, TokenStore>();
  return (orgId) => {
    let store = tokens.get(orgId);
    if (!store) tokens.set(orgId, (store = memoryTokenStore()));
    const check = createMarketoCheck({ hasHostPermission: async () => true, tokenStore: store, fetch: fetchImpl });
    return async (fields: ConnectionFields) => {
      if (!allowLoopback) {
        for (const field of ['restBaseUrl', 'identityBaseUrl'] as const) {
          const url = fields[field];
          if (url && isLoopbackUrl(url))
            return fail(
              `${field}-not-marketo`,
              'The team server does not connect to local addresses: use the endpoints shown in Marketo Admin > Web Services.',
              field,
            );
        }
      }
      return check(fields);
    };
  };
}
