import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '../db/connect.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';

export const TEMPLATE_DATABASE = 'marketo_access_template';

export interface TestCluster {
  /** postgres://… for a database of this cluster. */
  url: (database?: string) => string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL in the system temp folder (reachable by the
 * `postgres` user when run as root), with a migrated template database that
 * each test file copies.
 */
export async function startTestCluster(): Promise<TestCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'marketo-access-pg-'));
  const cluster = await startEmbeddedPostgres(folder, { passwordFile: join(folder, 'pg-password') });
  try {
    await adminQuery(cluster.url(), `CREATE DATABASE ${TEMPLATE_DATABASE}`);
    const template = connect(cluster.url(TEMPLATE_DATABASE), { max: 1 });
    await migrate(template.db);
    await template.close();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return {
    url: cluster.url,
    stop: async () => {
      await cluster.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let counter = 0;
/** A fresh database copied from the migrated template; answers its URL. */
export async function freshDatabase(
  clusterUrl: (database?: string) => string,
  template = TEMPLATE_DATABASE,
): Promise<string> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await adminQuery(clusterUrl(), `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return clusterUrl(name);
}
