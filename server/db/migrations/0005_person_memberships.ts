import { sql, type Kysely } from 'kysely';

/**
 * People and memberships: a person (better-auth's user, one per email) may
 * be a member of several orgs, so an email is unique within an org only
 * (`members_org_email`, from 0001) and no longer across the server. Sign-in
 * looks a person's memberships up by email: that index stays, not unique.
 * Nothing else changes: every org, member, grant, passkey and session is
 * kept as it was, and each session stays bound to the membership it was
 * issued for (0003).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index members_email_unique`.execute(db);
  await sql`create index members_email_idx on members (email)`.execute(db);
}

/** Back to one member per email: refused (by the unique index) while a person is in two orgs. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index members_email_idx`.execute(db);
  await sql`create unique index members_email_unique on members (email)`.execute(db);
}
