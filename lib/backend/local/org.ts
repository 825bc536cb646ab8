import type { StoredOrgConnection } from '../../db/schema.ts';
import type { OrgConnection } from '../../domain/org-connection.ts';
import { checkCanConnectOrg, checkCanDisconnectOrg, requireAdmin } from '../../domain/permissions.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { readyAtFor } from '../../domain/waiting-period.ts';
import type { Workspace } from '../../domain/workspace.ts';
import { isSealedSecret, seal, unseal, vaultKey } from '../../secrets/vault.ts';
import type { OrgCredentials } from '../port.ts';
import { currentMember, readOrgState, writeAtomically, type LocalContext } from './context.ts';
import { allGrants, grantOf } from './grants.ts';

/**
 * Records a checked connection and starts the waiting period. Connecting again
 * replaces the connection; members keep their access (DOMAIN rule 8).
 */
export async function connectOrg(ctx: LocalContext, checked: Omit<OrgConnection, 'ownerId' | 'readyAt'>, clientSecret: string): Promise<Result<OrgConnection>> {
  const me = await currentMember(ctx.db);
  // Sealed before the write: an IndexedDB transaction cannot wait for WebCrypto.
  const sealed = await seal(await vaultKey(ctx.db), clientSecret);
  const tx = ctx.db.transaction(['grantSets', 'org', 'workspaces', 'activity', 'secrets'], 'readwrite');
  return writeAtomically(tx, async () => {
    const actor = checkCanConnectOrg(me, me && (await grantOf(tx.objectStore('grantSets'), me.id)));
    if (!actor.ok) return actor;
    const { workspaces, ...fields } = checked;
    const stored: StoredOrgConnection = { ...fields, ownerId: actor.value.id, readyAt: readyAtFor(checked.connectedAt) };
    await tx.objectStore('org').put({ status: 'connected', connection: stored }, 'connection');
    await tx.objectStore('secrets').put(sealed, 'client-secret');
    await replaceWorkspaces(tx.objectStore('workspaces'), workspaces);
    await tx.objectStore('activity').add({
      at: ctx.now(),
      actorId: actor.value.id,
      kind: 'org-connected',
      details: { munchkinId: stored.munchkinId, workspacesEnabled: stored.workspacesEnabled },
    });
    return ok({ ...stored, workspaces });
  });
}

export async function mayConnectOrg(ctx: LocalContext): Promise<Result<void>> {
  const me = await currentMember(ctx.db);
  const allowed = checkCanConnectOrg(me, me && (await grantOf(ctx.db.transaction('grantSets').store, me.id)));
  return allowed.ok ? ok(undefined) : allowed;
}

/** Only the owner disconnects; every member loses access with the connection. */
export async function disconnectOrg(ctx: LocalContext): Promise<Result<void>> {
  const me = await currentMember(ctx.db);
  const tx = ctx.db.transaction(['grantSets', 'org', 'workspaces', 'activity', 'secrets'], 'readwrite');
  return writeAtomically(tx, async () => {
    const actor = checkCanDisconnectOrg(me, await readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }));
    if (!actor.ok) return actor;
    const at = ctx.now();
    const grantSets = tx.objectStore('grantSets');
    const activity = tx.objectStore('activity');
    const connected = (await allGrants(grantSets)).map((g) => g.memberId);
    if (connected.length > 0) await activity.add({ at, actorId: actor.value.id, kind: 'access-removed', memberIds: connected, details: { reason: 'org-disconnected' } });
    await grantSets.clear();
    await tx.objectStore('workspaces').clear();
    await tx.objectStore('secrets').delete('client-secret');
    await tx.objectStore('org').put({ status: 'disconnected', disconnectedAt: at, disconnectedBy: actor.value.id }, 'connection');
    await activity.add({ at, actorId: actor.value.id, kind: 'org-disconnected' });
    return ok(undefined);
  });
}

export async function readyAt(ctx: LocalContext): Promise<number | undefined> {
  const stored = await ctx.db.get('org', 'connection');
  return stored?.status === 'connected' ? stored.connection.readyAt : undefined;
}

export async function orgCredentials(ctx: LocalContext): Promise<Result<OrgCredentials>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const stored = await ctx.db.get('org', 'connection');
  const sealed = await ctx.db.get('secrets', 'client-secret');
  if (stored?.status !== 'connected' || !isSealedSecret(sealed)) return fail('org-not-connected', 'The org is not connected to Marketo: connect it first.');
  const { munchkinId, clientId, restBaseUrl, identityBaseUrl } = stored.connection;
  return ok({ munchkinId, clientId, restBaseUrl, identityBaseUrl, clientSecret: await unseal(await vaultKey(ctx.db), sealed) });
}

export async function updateWorkspaces(ctx: LocalContext, workspacesEnabled: boolean, workspaces: Workspace[]): Promise<Result<OrgConnection>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const tx = ctx.db.transaction(['org', 'workspaces', 'activity'], 'readwrite');
  return writeAtomically(tx, async () => {
    const stored = await tx.objectStore('org').get('connection');
    if (stored?.status !== 'connected') return fail('org-not-connected', 'The org is not connected to Marketo.');
    const connection: StoredOrgConnection = { ...stored.connection, workspacesEnabled };
    await tx.objectStore('org').put({ status: 'connected', connection }, 'connection');
    await replaceWorkspaces(tx.objectStore('workspaces'), workspaces);
    await tx.objectStore('activity').add({ at: ctx.now(), actorId: actor.value.id, kind: 'workspaces-refreshed', details: { count: workspaces.length } });
    return ok({ ...connection, workspaces });
  });
}

async function replaceWorkspaces(store: { clear(): Promise<void>; put(w: Workspace): Promise<number> }, workspaces: readonly Workspace[]): Promise<void> {
  await store.clear();
  for (const workspace of workspaces) await store.put(workspace);
}
