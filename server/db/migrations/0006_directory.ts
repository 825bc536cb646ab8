import { sql, type Kysely } from 'kysely';

/**
 * The company directory (SCIM 2.0). Additive: members may be deactivated
 * (a third status) and say who manages them (`source`: an admin, or the
 * directory) with the directory's own id; the owner's tokens for the
 * directory, stored as hashes; and the teams the directory manages (SCIM
 * groups), which may exist before any member is in them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table members drop constraint members_status_check`.execute(db);
  await sql`alter table members add constraint members_status_check
    check (status in ('invited', 'active', 'deactivated'))`.execute(db);
  await sql`alter table members add column source text not null default 'admin'
    constraint members_source_check check (source in ('admin', 'directory'))`.execute(db);
  await sql`alter table members add column external_id text`.execute(db);

  await db.schema
    .createTable('directory_tokens')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // SHA-256 of the secret: a token is found by its hash, and the secret is never stored.
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addPrimaryKeyConstraint('directory_tokens_pk', ['org_id', 'id'])
    .execute();

  await db.schema
    .createTable('directory_teams')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_teams_pk', ['org_id', 'id'])
    .execute();
  await sql`create unique index directory_teams_org_name on directory_teams (org_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('directory_teams').execute();
  await db.schema.dropTable('directory_tokens').execute();
  // Deactivated members have no place in the older shape: they are removed, as the directory would.
  await sql`delete from members where status = 'deactivated'`.execute(db);
  await sql`alter table members drop column external_id`.execute(db);
  await sql`alter table members drop column source`.execute(db);
  await sql`alter table members drop constraint members_status_check`.execute(db);
  await sql`alter table members add constraint members_status_check check (status in ('invited', 'active'))`.execute(
    db,
  );
}
