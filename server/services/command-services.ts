import { randomUUID } from 'node:crypto';
import type { CommandServices } from '../../lib/features/command.ts';
import type { CheckConnection } from '../../lib/domain/checked-connection.ts';
import { discoverIssuer } from '../sso/oidc.ts';
import type { Vault } from '../vault/vault.ts';

export interface ServiceDeps {
  vault: Vault;
  checks: (orgId: string) => CheckConnection;
  /** The test entry injects a controllable clock; production uses Date.now. */
  now: () => number;
  /** Only tests and development (MARKETO_ALLOW_LOOPBACK=1): the Marketo sandbox on loopback. */
  allowLoopback: boolean;
}

/** The services one command gets, for the caller's org (its Marketo token is that org's). */
export function commandServices(
  { vault, checks, now, allowLoopback }: ServiceDeps,
  orgId: string | undefined,
): CommandServices {
  return {
    now,
    newId: randomUUID,
    checkConnection: orgId
      ? checks(orgId)
      : async () => ({ ok: false, problem: { code: 'not-signed-in', message: 'Sign in first.' } }),
    endpoints: { allowLoopback },
    seal: (clear) => vault.seal(clear),
    unseal: (sealed) => vault.unseal(sealed),
    discoverIssuer: (issuer) => discoverIssuer(issuer, { allowLoopback, now }),
  };
}
