import type { Grant } from '../../domain/grant.ts';
import type { Member } from '../../domain/member.ts';
import { connectionOf, type OrgConnection, type OrgConnectionState } from '../../domain/org-connection.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { readyAtFor } from '../../domain/waiting-period.ts';
import type { CheckedConnection } from '../../domain/checked-connection.ts';

/**
 * Who may make the org connection (docs/RULES.md, rule 8). Not connected: any admin.
 * Connected: the owner may replace it; another admin only in a handover the
 * owner opened by removing that admin's access. An admin with access cannot
 * make it, and cannot remove their own access to get there (access rules).
 */
export function decideConnect(actor: Member, actorGrant: Grant | undefined, org: OrgConnectionState): Result<void> {
  if (actorGrant) {
    return fail(
      'connect-has-grant',
      'You were granted access to the org connection, so you cannot make it yourself: ask the owner to remove your access first.',
    );
  }
  const current = connectionOf(org);
  if (current && current.ownerId !== actor.id && !current.handoverTo?.includes(actor.id)) {
    return fail(
      'connect-not-handover',
      'The org is already connected to Marketo. To take it over, ask its owner to remove your access first (a handover).',
    );
  }
  return ok(undefined);
}

/**
 * Whether a connect only gives back the secret of an org moved without it: the
 * owner, the same Munchkin ID, Client ID and endpoints. Then the connection
 * was made when it was first made, and its waiting period is not restarted.
 */
export function restoresSecret(
  actor: Member,
  current: OrgConnection | undefined,
  next: Pick<OrgConnection, 'munchkinId' | 'clientId' | 'restBaseUrl' | 'identityBaseUrl'>,
): boolean {
  return (
    current?.needsSecret === true &&
    current.ownerId === actor.id &&
    current.munchkinId === next.munchkinId &&
    current.clientId === next.clientId &&
    current.restBaseUrl === next.restBaseUrl &&
    current.identityBaseUrl === next.identityBaseUrl
  );
}

/**
 * The connection a successful connect stores; a handover keeps the old owner
 * until they disconnect. Giving back a moved org's secret keeps its times.
 */
export function connectionMade(
  actor: Member,
  org: OrgConnectionState,
  fields: { munchkinId: string; clientId: string },
  checked: CheckedConnection,
  now: number,
): OrgConnection {
  const current = connectionOf(org);
  const next = { munchkinId: fields.munchkinId, clientId: fields.clientId, ...checked };
  if (current && restoresSecret(actor, current, next)) {
    const { needsSecret: _given, ...kept } = current;
    return { ...kept, workspacesEnabled: checked.workspacesEnabled, workspaces: checked.workspaces };
  }
  const previousOwnerId = current && current.ownerId !== actor.id ? current.ownerId : undefined;
  return {
    munchkinId: fields.munchkinId,
    clientId: fields.clientId,
    restBaseUrl: checked.restBaseUrl,
    identityBaseUrl: checked.identityBaseUrl,
    workspacesEnabled: checked.workspacesEnabled,
    workspaces: checked.workspaces,
    connectedAt: now,
    readyAt: readyAtFor(now),
    ownerId: actor.id,
    ...(previousOwnerId && { previousOwnerId }),
  };
}

export type DisconnectOutcome = 'disconnect' | 'end-handover';

/**
 * Only the owner disconnects the org (every member loses access with it).
 * After a handover, the old owner's disconnect ends the handover instead:
 * the new connection and everyone's access stay.
 */
export function decideDisconnect(actor: Member, org: OrgConnectionState): Result<DisconnectOutcome> {
  const current = connectionOf(org);
  if (!current) return fail('org-not-connected', 'The org is not connected to Marketo.');
  if (current.previousOwnerId === actor.id) return ok('end-handover');
  if (current.ownerId !== actor.id)
    return fail('not-owner', 'Only the admin who connected the org to Marketo can disconnect it.');
  return ok('disconnect');
}

/** Where a handover of the org connection stands (DOMAIN rule 8), for the guided panel. */
export type HandoverProgress =
  /** Step 1 to do: the owner removes the access of the admin who takes over. */
  | { step: 1; ownerId: string }
  /** Step 2 to do: an admin whose access the owner removed connects the org with their credentials. */
  | { step: 2; ownerId: string; newAdminIds: string[] }
  /** Step 3 to do: the old owner disconnects, which ends the handover; members keep their access. */
  | { step: 3; ownerId: string; previousOwnerId: string };

/** The handover's next step, read from the stored connection alone, so every admin's page shows the same. */
export function handoverProgress(connection: OrgConnection): HandoverProgress {
  if (connection.previousOwnerId)
    return { step: 3, ownerId: connection.ownerId, previousOwnerId: connection.previousOwnerId };
  if (connection.handoverTo?.length)
    return { step: 2, ownerId: connection.ownerId, newAdminIds: [...connection.handoverTo] };
  return { step: 1, ownerId: connection.ownerId };
}
