import * as v from 'valibot';
import { parseConnectionFields } from '../../domain/connection-fields.ts';
import { connectionOf, type OrgConnection } from '../../domain/org-connection.ts';
import { parseOrgName } from '../../domain/org-name.ts';
import { fail, failAll, ok } from '../../domain/result.ts';
import { connection, member } from '../answers.ts';
import { defineCommand } from '../command.ts';
import { credentialText, emailText, endpointText, munchkinText, nameText, orgNameText } from '../schemas.ts';
import { firstAdmin } from '../session/rules.ts';
import { connectionMade, decideConnect, decideDisconnect } from './rules.ts';

const notConnected = () => fail('org-not-connected', 'The org is not connected to Marketo: connect it first.');

/**
 * Checks the credentials with Marketo (outside the transaction: it is slow and
 * remote), then records the connection and starts the waiting period.
 * Connecting again replaces the connection; members keep their access.
 */
export const connectOrg = defineCommand({
  input: v.strictObject({
    munchkinId: munchkinText,
    clientId: credentialText,
    clientSecret: credentialText,
    restBaseUrl: v.optional(endpointText),
    identityBaseUrl: v.optional(endpointText),
  }),
  answer: connection,
  who: 'admin',
  where: 'both',
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
  run: async (_input, { store, actor, now }, { fields, checked, sealed }) => {
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

const disconnected = v.object({
  outcome: v.picklist(['disconnect', 'end-handover']),
  /** The old instance's endpoints, so the browser can give back its host permission. */
  endpoints: v.optional(v.object({ restBaseUrl: endpointText, identityBaseUrl: endpointText })),
});

/** The owner disconnects (every member loses access); after a handover the old owner's disconnect ends it. */
export const disconnectOrg = defineCommand({
  input: v.strictObject({}),
  answer: disconnected,
  who: 'admin',
  where: 'both',
  writes: true,
  // The browser's cached Marketo token and the old instance's host permission go with the connection.
  after: ['forget-marketo-token', 'give-back-host-permission'],
  run: async (_input, { store, actor, now }) => {
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
  answer: connection,
  who: 'admin',
  where: 'both',
  writes: true,
  prepare: async (_input, { services, read }) => {
    const stored = await read(async (store) => ({
      org: connectionOf(await store.org.get()),
      sealed: await store.secret.get(),
    }));
    if (stored.org?.needsSecret)
      return fail(
        'secret-needed',
        'The org was moved here without its Marketo client secret: its owner enters it again under Marketo.',
      );
    const clientSecret = stored.org && (await services.unseal(stored.sealed));
    if (!stored.org || clientSecret === undefined) return notConnected();
    const { munchkinId, clientId, restBaseUrl, identityBaseUrl } = stored.org;
    return services.checkConnection({ munchkinId, clientId, clientSecret, restBaseUrl, identityBaseUrl });
  },
  run: async (_input, { store, actor, now }, checked) => {
    const current = connectionOf(await store.org.get());
    if (!current) return notConnected();
    const refreshed: OrgConnection = {
      ...current,
      workspacesEnabled: checked.workspacesEnabled,
      workspaces: checked.workspaces,
    };
    await store.org.put({ status: 'connected', connection: refreshed });
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'workspaces-refreshed',
      details: { count: checked.workspaces.length },
    });
    return ok(refreshed);
  },
});

/**
 * Team server only: the one-time claim link the server printed on its first
 * start creates an org and its first admin, built by the same rule as the
 * trial's first sign-in. The first admin then signs in with an emailed code.
 */
export const claimOrg = defineCommand({
  input: v.strictObject({
    token: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    orgName: orgNameText,
    name: nameText,
    email: emailText,
  }),
  answer: v.object({ member }),
  who: 'anyone',
  where: 'team-server',
  createsOrg: true,
  writes: true,
  run: async (input, { store, now, newId }) => {
    const orgName = parseOrgName(input.orgName);
    if (!orgName.ok) return orgName;
    const admin = firstAdmin(input, newId(), now);
    if (!admin.ok) return admin;
    if (!(await store.claim?.redeem(input.token, orgName.value)))
      return fail('not-invited', 'This claim link is unknown or was already used.');
    await store.members.put(admin.value);
    await store.activity.add({
      at: now,
      actorId: admin.value.id,
      kind: 'org-created',
      memberId: admin.value.id,
      details: { orgName: orgName.value },
    });
    return ok({ member: admin.value });
  },
});
