import { freshDatabase, startTestCluster, type TestCluster } from './postgres-cluster.ts';

let own: Promise<TestCluster> | undefined;

const urlFor =
  (base: string) =>
  (database = 'postgres') =>
    base.replace(/\/[^/]*$/, `/${database}`);

/**
 * A database of its own for a test file or a test server: from the run's
 * cluster (server/testing/global-setup.ts) when there is one, otherwise from
 * a cluster this process starts on first use and stops at exit, so a suite
 * without that setup (the contract suite) can start a server too.
 */
export async function testDatabaseUrl(): Promise<string> {
  const shared = process.env.MARKETO_ACCESS_TEST_PG;
  if (shared) return freshDatabase(urlFor(shared));
  own ??= startTestCluster().then((cluster) => {
    process.once('beforeExit', () => void cluster.stop());
    return cluster;
  });
  return freshDatabase((await own).url);
}

/** Stops the cluster this process started, if any (a suite's afterAll). */
export async function stopOwnCluster(): Promise<void> {
  const cluster = await own;
  own = undefined;
  await cluster?.stop();
}
