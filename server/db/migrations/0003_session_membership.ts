import { sql, type Kysely } from 'kysely';

/**
 * Every session is bound to the membership it was issued for (better-auth's
 * session table gains "orgId" and "memberId", written when the session is
 * made): the caller is that membership, never whoever has the session's
 * email now. Deleting the membership deletes its sessions (the foreign key),
 * and the store ends them itself when a role changes. Sessions made before
 * are bound to the member their email named (emails were unique across the
 * server); a session whose email no org has any more is ended.
 * Also: a count of code requests per email (hashed), for a limit checked
 * before anything is looked up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table "session" add column "orgId" text, add column "memberId" text`.execute(db);
  await sql`update "session" as s set "orgId" = m.org_id, "memberId" = m.id
    from "user" as u join members as m on m.email = lower(u.email)
    where u.id = s."userId"`.execute(db);
  await sql`delete from "session" where "orgId" is null`.execute(db);
  await sql`alter table "session" alter column "orgId" set not null, alter column "memberId" set not null`.execute(db);
  await sql`alter table "session" add constraint "session_membership" foreign key ("orgId", "memberId")
    references members (org_id, id) on delete cascade`.execute(db);
  await sql`create index "session_membership_idx" on "session" ("orgId", "memberId")`.execute(db);

  await db.schema
    .createTable('code_requests')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('code_requests').execute();
  await sql`drop index "session_membership_idx"`.execute(db);
  await sql`alter table "session" drop constraint "session_membership", drop column "orgId", drop column "memberId"`.execute(
    db,
  );
}
