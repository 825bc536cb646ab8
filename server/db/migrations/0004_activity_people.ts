import { sql, type Kysely } from 'kysely';

/**
 * Activity lines keep the names and emails of the members they name, as they
 * were when written (`people`, by member id), so a line still names a member
 * removed since. Older lines have none: readers fall back to the members
 * still in the org.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity add column people jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity drop column people`.execute(db);
}
