import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DirectoryTeam, DirectoryToken } from '../../lib/domain/directory.ts';
import type { OrgStore } from '../../lib/features/store.ts';
import { hashToken } from '../claim/owner-claim.ts';
import type { Database } from '../db/schema.ts';

/** Every directory token's secret starts so: a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'mascim_';

/** The company directory's part of the port for one org: tokens (hashed) and the teams it manages. */
export function kyselyDirectoryStore(db: Kysely<Database>, orgId: string): NonNullable<OrgStore['directory']> {
  return {
    tokens: async () =>
      (
        await db
          .selectFrom('directory_tokens')
          .select(['id', 'name', 'created_at', 'last_used_at'])
          .where('org_id', '=', orgId)
          .where('revoked_at', 'is', null)
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      ).map((row) => {
        const token: DirectoryToken = { id: row.id, name: row.name, createdAt: row.created_at };
        if (row.last_used_at !== null) token.lastUsedAt = row.last_used_at;
        return token;
      }),
    addToken: async (token) => {
      const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      await db
        .insertInto('directory_tokens')
        .values({
          org_id: orgId,
          id: token.id,
          name: token.name,
          secret_hash: hashToken(secret),
          created_at: token.createdAt,
        })
        .execute();
      return secret;
    },
    revokeToken: async (id, at) =>
      (
        await db
          .updateTable('directory_tokens')
          .set({ revoked_at: at })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
      ).numUpdatedRows > 0n,
    teams: async () =>
      (
        await db
          .selectFrom('directory_teams')
          .selectAll()
          .where('org_id', '=', orgId)
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      ).map((row) => {
        const team: DirectoryTeam = { id: row.id, name: row.name, createdAt: row.created_at };
        if (row.external_id !== null) team.externalId = row.external_id;
        return team;
      }),
    putTeam: async (team) => {
      const row = {
        org_id: orgId,
        id: team.id,
        name: team.name,
        external_id: team.externalId ?? null,
        created_at: team.createdAt,
      };
      await db
        .insertInto('directory_teams')
        .values(row)
        .onConflict((oc) => oc.columns(['org_id', 'id']).doUpdateSet({ name: row.name, external_id: row.external_id }))
        .execute();
    },
    deleteTeam: async (id) => {
      await db.deleteFrom('directory_teams').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
  };
}
