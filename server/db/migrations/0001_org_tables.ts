import { sql, type Kysely } from 'kysely';

/** The org's data: every table keyed by org_id first. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'user')`))
    .addColumn('teams', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('invited', 'active')`))
    .addColumn('invited_at', 'bigint', (c) => c.notNull())
    .addColumn('invited_by', 'text')
    .addPrimaryKeyConstraint('members_pk', ['org_id', 'id'])
    .addUniqueConstraint('members_org_email', ['org_id', 'email'])
    .execute();
  // A signed-in email maps to one member of one org.
  await db.schema.createIndex('members_email_unique').on('members').column('email').unique().execute();

  await db.schema
    .createTable('grants')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('workspace_ids', 'jsonb', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('grants_pk', ['org_id', 'member_id'])
    .addForeignKeyConstraint('grants_member', ['org_id', 'member_id'], 'members', ['org_id', 'id'], (f) =>
      f.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('org_connection')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id').onDelete('cascade'))
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_secret')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id').onDelete('cascade'))
    .addColumn('sealed', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activity')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('member_ids', 'jsonb')
    .addColumn('details', 'jsonb')
    .addPrimaryKeyConstraint('activity_pk', ['org_id', 'seq'])
    .execute();

  await db.schema
    .createTable('idempotency')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pk', ['org_id', 'key'])
    .execute();

  await db.schema
    .createTable('owner_claims')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'owner_claims',
    'idempotency',
    'activity',
    'org_secret',
    'org_connection',
    'grants',
    'members',
    'orgs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
