import type pg from 'pg';

/** An org's current version: the one query of a read answered from what this process kept (store-access.ts). */
export type OrgVersion = (orgId: string) => Promise<number | undefined>;

const TEXT = 'select version from orgs where id = $1';
const NAME = 'org_version';

/**
 * Runs on every status read, so it costs as little as a query can: on the
 * pool itself (no query builder), and on a direct connection as a named
 * prepared statement, parsed and planned once per connection instead of once
 * per read (most of what the read cost beyond `SELECT 1`). Not behind a
 * transaction-mode pooler: PgBouncer before 1.21 does not carry a statement
 * prepared in one transaction to the next, which may run on another of its
 * connections.
 */
export function orgVersionQuery(pool: pg.Pool, { prepared }: { prepared: boolean }): OrgVersion {
  return async (orgId) => {
    const values = [orgId];
    const { rows } = await pool.query<{ version: number }>(
      prepared ? { name: NAME, text: TEXT, values } : { text: TEXT, values },
    );
    return rows[0]?.version;
  };
}
