// @vitest-environment node
import { afterAll } from 'vitest';
import { startPgbouncer, type Pooler } from '../../server/testing/pgbouncer.ts';
import { testDatabaseUrl } from '../../server/testing/test-database.ts';
import { authorizationContract } from './contract.ts';
import { serverBackend } from './server-backend.ts';

// Every command for every kind of caller, sign-ins included, with the server's pool behind PgBouncer in
// transaction mode (LISTEN direct): nothing the server or better-auth does may rely on a session's state
// (named prepared statements, SET outside a transaction, session advisory locks).
let pooler: Promise<Pooler> | undefined;
afterAll(async () => (await pooler)?.stop());

authorizationContract(
  'team server behind PgBouncer (transaction mode)',
  async () => {
    const direct = await testDatabaseUrl();
    pooler ??= startPgbouncer(direct.replace(/\/[^/]*$/, '/postgres'));
    return serverBackend({ databaseUrl: (await pooler).pooled(direct), directUrl: direct });
  },
  { inBrowser: false },
);
