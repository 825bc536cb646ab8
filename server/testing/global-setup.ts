import type { TestProject } from 'vitest/node';
import { startTestCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's `postgres` database URL (its other databases share all but the name). */
    pgUrl: string;
  }
}

/** One PostgreSQL for the whole run, stopped after. */
export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  project.provide('pgUrl', cluster.url());
  process.env.MARKETO_ACCESS_TEST_PG = cluster.url();
  return () => cluster.stop();
}
