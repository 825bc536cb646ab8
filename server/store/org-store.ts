import type { Kysely } from 'kysely';
import type { OrgConnectionState } from '../../lib/domain/org-connection.ts';
import type { OrgStore } from '../../lib/features/store.ts';
import type { Database } from '../db/schema.ts';
import { expandActivity } from '../../lib/domain/stored-activity.ts';
import { activityFrom, activityRow, grantFrom, memberFrom, memberRow } from './rows.ts';
import { kyselyDirectoryStore } from './directory-store.ts';
import { kyselyIdentityStore } from './identity-store.ts';
import { endMemberSessions } from './sessions.ts';

const NOT_CONNECTED: OrgConnectionState = { status: 'not-connected' };
const ACTIVITY_BATCH = 1_000;

/**
 * The OrgStore port over PostgreSQL for one org. `db` is the transaction the
 * caller opened; every query names the org, so no read or write can reach
 * another org's rows whatever ids a command is given. Removing a member or
 * changing their role ends their sessions in the same transaction.
 */
export function kyselyOrgStore(db: Kysely<Database>, orgId: string): OrgStore {
  const members = () => db.selectFrom('members').selectAll().where('org_id', '=', orgId);
  const grants = () => db.selectFrom('grants').selectAll().where('org_id', '=', orgId);
  return {
    members: {
      get: async (id) => {
        const row = await members().where('id', '=', id).executeTakeFirst();
        return row && memberFrom(row);
      },
      byEmail: async (email) => {
        const row = await members().where('email', '=', email).executeTakeFirst();
        return row && memberFrom(row);
      },
      all: async () => (await members().orderBy('invited_at').orderBy('id').execute()).map(memberFrom),
      put: async (member) => {
        const row = memberRow(orgId, member);
        const before = await members().where('id', '=', member.id).forUpdate().executeTakeFirst();
        await db
          .insertInto('members')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['org_id', 'id']).doUpdateSet({
              name: row.name,
              email: row.email,
              role: row.role,
              teams: row.teams,
              status: row.status,
              invited_at: row.invited_at,
              invited_by: row.invited_by,
              source: row.source,
              external_id: row.external_id,
            }),
          )
          .execute();
        // A session speaks for the membership as it was issued: a new role needs a new sign-in, and a member
        // the directory deactivated is signed out at once.
        if (before && (before.role !== row.role || (row.status === 'deactivated' && before.status !== 'deactivated')))
          await endMemberSessions(db, orgId, member.id);
      },
      delete: async (id) => {
        await endMemberSessions(db, orgId, id);
        await db.deleteFrom('members').where('org_id', '=', orgId).where('id', '=', id).execute();
      },
    },
    grants: {
      all: async () => (await grants().orderBy('granted_at').orderBy('member_id').execute()).map(grantFrom),
      of: async (memberId) => {
        const row = await grants().where('member_id', '=', memberId).executeTakeFirst();
        return row && grantFrom(row);
      },
      add: async (memberIds, grant) => {
        if (memberIds.length === 0) return;
        const workspaceIds = JSON.stringify(grant.workspaceIds);
        await db
          .insertInto('grants')
          .values(
            memberIds.map((member_id) => ({
              org_id: orgId,
              member_id,
              workspace_ids: workspaceIds,
              granted_at: grant.grantedAt,
              granted_by: grant.grantedBy,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['org_id', 'member_id']).doUpdateSet((eb) => ({
              workspace_ids: eb.ref('excluded.workspace_ids'),
              granted_at: eb.ref('excluded.granted_at'),
              granted_by: eb.ref('excluded.granted_by'),
            })),
          )
          .execute();
      },
      remove: async (memberIds) => {
        if (memberIds.length === 0) return [];
        const rows = await db
          .deleteFrom('grants')
          .where('org_id', '=', orgId)
          .where('member_id', 'in', [...memberIds])
          .returning('member_id')
          .execute();
        return rows.map((r) => r.member_id);
      },
      clear: async () => {
        await db.deleteFrom('grants').where('org_id', '=', orgId).execute();
      },
    },
    org: {
      get: async () => {
        const row = await db
          .selectFrom('org_connection')
          .select('state')
          .where('org_id', '=', orgId)
          .executeTakeFirst();
        return (row?.state as OrgConnectionState | undefined) ?? NOT_CONNECTED;
      },
      name: async () => (await db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirst())?.name,
      put: async (state) => {
        const json = JSON.stringify(state);
        await db
          .insertInto('org_connection')
          .values({ org_id: orgId, state: json })
          .onConflict((oc) => oc.column('org_id').doUpdateSet({ state: json }))
          .execute();
      },
    },
    secret: {
      get: async () =>
        (await db.selectFrom('org_secret').select('sealed').where('org_id', '=', orgId).executeTakeFirst())?.sealed,
      put: async (sealed) => {
        const json = JSON.stringify(sealed);
        await db
          .insertInto('org_secret')
          .values({ org_id: orgId, sealed: json })
          .onConflict((oc) => oc.column('org_id').doUpdateSet({ sealed: json }))
          .execute();
      },
      delete: async () => {
        await db.deleteFrom('org_secret').where('org_id', '=', orgId).execute();
      },
    },
    directory: kyselyDirectoryStore(db, orgId),
    identity: kyselyIdentityStore(db, orgId),
    activity: {
      add: async (entry) => {
        await db.insertInto('activity').values(activityRow(orgId, entry)).execute();
      },
      addMany: async (entries) => {
        // In batches under PostgreSQL's 65,535 parameters; seq follows the order given.
        for (let start = 0; start < entries.length; start += ACTIVITY_BATCH)
          await db
            .insertInto('activity')
            .values(entries.slice(start, start + ACTIVITY_BATCH).map((entry) => activityRow(orgId, entry)))
            .execute();
      },
      // A bulk change is one row naming every member; readers see one entry per member, as in trial mode.
      recent: async (count) =>
        expandActivity(
          (
            await db
              .selectFrom('activity')
              .selectAll()
              .where('org_id', '=', orgId)
              .orderBy('seq', 'desc')
              .limit(count)
              .execute()
          ).map(activityFrom),
        ).slice(0, count),
      all: async () =>
        expandActivity(
          (
            await db.selectFrom('activity').selectAll().where('org_id', '=', orgId).orderBy('seq', 'desc').execute()
          ).map(activityFrom),
        ),
    },
  };
}
