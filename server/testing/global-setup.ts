import type { TestProject } from 'vitest/node';
import { buildServer } from '../../scripts/build-server.mjs';
import { startTestCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's `postgres` database URL (its other databases share all but the name). */
    pgUrl: string;
  }
}

/** One PostgreSQL for the whole run, stopped after; the server built as `npm run server` runs it (child processes). */
export default async function setup(project: TestProject) {
  const [cluster] = await Promise.all([startTestCluster(), buildServer()]);
  project.provide('pgUrl', cluster.url());
  process.env.MARKETO_ACCESS_TEST_PG = cluster.url();
  return () => cluster.stop();
}
