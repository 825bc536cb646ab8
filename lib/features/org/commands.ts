import * as v from 'valibot';
import { parseConnectionFields } from '../../domain/connection-fields.ts';
import { connectionOf, type OrgConnection } from '../../domain/org-connection.ts';
import { fail, failAll, ok, type Result } from '../../domain/result.ts';
import { defineCommand } from '../command.ts';
import { text } from '../schemas.ts';
import { connectionMade, decideConnect, decideDisconnect, type DisconnectOutcome } from './rules.ts';

const notConnected = () => fail('org-not-connected', 'The org is not connected to Marketo: connect it first.');

/**
 * Checks the credentials with Marketo (outside the transaction: it is slow and
 * remote), then records the connection and starts the waiting period.
 * Connecting again replaces the connection; members keep their access.
 */
export const connectOrg = defineCommand({
  input: v.strictObject({
    munchkinId: text(100),
    clientId: text(300),
    clientSecret: text(300),
    restBaseUrl: v.optional(text(500)),
    identityBaseUrl: v.optional(text(500)),
  }),
  who: 'admin',
  writes: true,
  prepare: async (input, { services, actor, read }) => {
    const fields = parseConnectionFields(input, services.endpoints);
    if (!fields.ok) return failAll(fields.problems);
    // Refused before Marketo is asked: a click that cannot succeed costs no API call.
    const allowed = await read(async (store) =>
      decideConnect(actor, await store.grants.of(actor.id), await store.org.get()),
    );
    if (!allowed.ok) return allowed;
    const checked = await services.checkConnection(fields.value);
    if (!checked.ok) return checked;
    return ok({ fields: fields.value, checked: checked.value, sealed: await services.seal(fields.value.clientSecret) });
  },
  run: async (_input, { store, actor, now }, { fields, checked, sealed }): Promise<Result<OrgConnection>> => {
    const org = await store.org.get();
    const allowed = decideConnect(actor, await store.grants.of(actor.id), org);
    if (!allowed.ok) return allowed;
    const connection = connectionMade(actor, org, fields, checked, now);
    await store.org.put({ status: 'connected', connection });
    await store.secret.put(sealed);
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'org-connected',
      details: { munchkinId: connection.munchkinId, workspacesEnabled: connection.workspacesEnabled },
    });
    return ok(connection);
  },
});

export interface Disconnected {
  outcome: DisconnectOutcome;
  /** The old instance's endpoints, so the browser can give back its host permission. */
  endpoints?: { restBaseUrl: string; identityBaseUrl: string };
}

/** The owner disconnects (every member loses access); after a handover the old owner's disconnect ends it. */
export const disconnectOrg = defineCommand({
  input: v.strictObject({}),
  who: 'admin',
  writes: true,
  run: async (_input, { store, actor, now }): Promise<Result<Disconnected>> => {
    const org = await store.org.get();
    const decided = decideDisconnect(actor, org);
    if (!decided.ok) return decided;
    if (decided.value === 'end-handover') {
      const { previousOwnerId: _ended, ...connection } = connectionOf(org)!;
      await store.org.put({ status: 'connected', connection });
      await store.activity.add({
        at: now,
        actorId: actor.id,
        kind: 'org-handover-ended',
        memberId: connection.ownerId,
      });
      return ok({ outcome: decided.value });
    }
    const withAccess = (await store.grants.all()).map((g) => g.memberId);
    if (withAccess.length > 0)
      await store.activity.add({
        at: now,
        actorId: actor.id,
        kind: 'access-removed',
        memberIds: withAccess,
        details: { reason: 'org-disconnected' },
      });
    await store.grants.clear();
    await store.secret.delete();
    await store.org.put({ status: 'disconnected', disconnectedAt: now, disconnectedBy: actor.id });
    await store.activity.add({ at: now, actorId: actor.id, kind: 'org-disconnected' });
    const { restBaseUrl, identityBaseUrl } = connectionOf(org)!;
    return ok({ outcome: decided.value, endpoints: { restBaseUrl, identityBaseUrl } });
  },
});

/** Asks Marketo again for the workspaces, with the stored credentials. */
export const refreshWorkspaces = defineCommand({
  input: v.strictObject({}),
  who: 'admin',
  writes: true,
  prepare: async (_input, { services, read }) => {
    const stored = await read(async (store) => ({
      org: connectionOf(await store.org.get()),
      sealed: await store.secret.get(),
    }));
    const clientSecret = stored.org && (await services.unseal(stored.sealed));
    if (!stored.org || clientSecret === undefined) return notConnected();
    const { munchkinId, clientId, restBaseUrl, identityBaseUrl } = stored.org;
    return services.checkConnection({ munchkinId, clientId, clientSecret, restBaseUrl, identityBaseUrl });
  },
  run: async (_input, { store, actor, now }, checked): Promise<Result<OrgConnection>> => {
    const current = connectionOf(await store.org.get());
    if (!current) return notConnected();
    const connection: OrgConnection = {
      ...current,
      workspacesEnabled: checked.workspacesEnabled,
      workspaces: checked.workspaces,
    };
    await store.org.put({ status: 'connected', connection });
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'workspaces-refreshed',
      details: { count: checked.workspaces.length },
    });
    return ok(connection);
  },
});
