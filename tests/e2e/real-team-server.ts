import { issueClaimIfEmpty } from '../../server/claim/owner-claim.ts';
import { freshDatabase, startTestCluster } from '../../server/testing/postgres-cluster.ts';
import { startTestServer, type TestServer, type TestServerOptions } from '../../server/testing/start-test-server.ts';
import { test } from './extension.ts';
import type { Profile } from './profiles.ts';

export interface RealTeamServer extends TestServer {
  /** The one-time owner claim the server issues on an empty database. */
  claimToken: string;
}

/**
 * The real team server (server/), in this process, for the end-to-end tests:
 * its own embedded PostgreSQL in the system temp folder, a fresh migrated
 * database, a controllable clock, an outbox of emailed codes, loopback
 * Marketo allowed (the sandbox). `close` stops the server and PostgreSQL,
 * and start-up failures stop whatever had started.
 */
export async function startRealTeamServer(
  options: Pick<TestServerOptions, 'port' | 'publicUrl'> = {},
): Promise<RealTeamServer> {
  const cluster = await startTestCluster();
  let server: TestServer | undefined;
  try {
    server = await startTestServer({ databaseUrl: await freshDatabase(cluster.url), ...options });
    const claimToken = await issueClaimIfEmpty(server.db, server.clock.now());
    if (!claimToken) throw new Error('A fresh database already has an org.');
    const running = server;
    return {
      ...running,
      claimToken,
      close: async () => {
        try {
          await running.close();
        } finally {
          await cluster.stop();
        }
      },
    };
  } catch (error) {
    await server?.close().catch(() => undefined);
    await cluster.stop();
    throw error;
  }
}

/**
 * The address people type: localhost, the passkeys' relying party (rpID "localhost"); Chromium lets an
 * extension page use an rpID only for a host it holds a permission for.
 */
export const typedAddress = (server: RealTeamServer) => server.url.replace('//127.0.0.1:', '//localhost:');

/**
 * A describe block's real team server, started before its tests (`started` is given it, and may seed it),
 * and the profiles its tests open (`openProfile(profiles)`): after the tests every profile is closed and the
 * server stopped.
 */
export function useRealTeamServer(started: (server: RealTeamServer) => void | Promise<void>): Profile[] {
  let server: RealTeamServer | undefined;
  const profiles: Profile[] = [];
  test.beforeAll(async () => {
    server = await startRealTeamServer();
    await started(server);
  });
  test.afterAll(async () => {
    for (const profile of profiles.splice(0)) await profile.close().catch(() => undefined);
    await server?.close();
  });
  return profiles;
}
