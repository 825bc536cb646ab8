import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { DATABASE_DOWN } from '../http/answers.ts';
import { connect } from '../db/connect.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { adminQuery } from '../testing/postgres-cluster.ts';
import { callCommand } from '../testing/http.ts';
import { seedOrg, seededOwner } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

// PostgreSQL itself stops under traffic and starts again (its own cluster
// here: the run's shared one serves the other test files).
let folder: string;
let port: number;
let pg: EmbeddedDatabase | undefined;
let server: TestServer;
let orgId: string;
let token: string;
const reps = Array.from({ length: 20 }, (_, i) => `rep${i}`);

/**
 * Follows GET /api/changes as the extension's page does: on a dropped or
 * refused stream it reconnects (bounded), and keeps every version it heard.
 */
function follow(baseUrl: string, bearer: string) {
  const versions: number[] = [];
  const refusals: number[] = [];
  let connects = 0;
  let stopped = false;
  let controller = new AbortController();
  const run = async () => {
    for (let attempt = 0; !stopped && attempt < 600; attempt++) {
      try {
        controller = new AbortController();
        const response = await fetch(`${baseUrl}/api/changes`, {
          headers: { authorization: `Bearer ${bearer}` },
          signal: controller.signal,
        });
        if (response.status === 200 && response.body) {
          connects++;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block.split('\n').find((l) => l.startsWith('data:'));
              if (block.includes('event: org-changed') && data) versions.push(JSON.parse(data.slice(5)).version);
            }
          }
        } else {
          refusals.push(response.status);
          await response.body?.cancel();
        }
      } catch {
        // dropped or aborted: reconnect below
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const running = run();
  return {
    versions,
    refusals,
    connects: () => connects,
    /** Drops the current stream, as a sleeping laptop or a proxy would: the loop reconnects. */
    drop: () => controller.abort(),
    stop: async () => {
      stopped = true;
      controller.abort();
      await running;
    },
  };
}

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const versionOf = async () =>
  (await server.db.selectFrom('orgs').select('version').where('id', '=', orgId).executeTakeFirstOrThrow()).version;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'marketo-access-pg-fault-'));
  pg = await startEmbeddedPostgres(folder, { passwordFile: join(folder, 'pg-password') });
  port = Number(new URL(pg.url()).port);
  await adminQuery(pg.url(), 'CREATE DATABASE app');
  const setup = connect(pg.url('app'), { max: 1 });
  await migrate(setup.db);
  await setup.close();
  server = await startTestServer({ databaseUrl: pg.url('app') });
  const now = server.clock.now();
  const owner = seededOwner(now);
  const members = reps.map((id) =>
    aMember({
      id,
      name: id,
      email: `${id}@example.com`,
      role: 'user',
      status: 'active',
      invitedAt: now - 86_400_000,
      invitedBy: 'owner',
    }),
  );
  orgId = await seedOrg(
    server.db,
    {
      members: [owner, ...members],
      org: { status: 'connected', connection: anOrg({ ownerId: 'owner', connectedAt: now - 7 * 86_400_000 }) },
    },
    now,
  );
  token = await server.signIn('owner@example.com');
});

afterAll(async () => {
  await server?.close();
  await pg?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('PostgreSQL stopped and started under traffic', () => {
  it('answers 503 while it is down, recovers by itself, and a change-feed follower catches up with every version in order', async () => {
    // One follower keeps its stream through the outage; the other loses it while the database is down and must reconnect.
    const steady = follow(server.url, token);
    const dropped = follow(server.url, token);
    try {
      await until(() => steady.versions.length === 1 && dropped.versions.length === 1, 'the first version');
      const grant = (memberIds: string[]) =>
        callCommand(server.url, 'grantAccess', { memberIds, workspaceIds: [1] }, { token });
      for (const id of reps.slice(0, 3)) expect((await grant([id])).status).toBe(200);
      const beforeStop = await versionOf();
      await until(
        () => steady.versions.at(-1) === beforeStop && dropped.versions.at(-1) === beforeStop,
        'versions before the stop',
      );

      await pg!.stop();
      pg = undefined;
      // Commands (writes and reads) answer 503 with the clear message; nothing else.
      for (const id of reps.slice(3, 6)) {
        const write = await grant([id]);
        expect({ status: write.status, body: write.body }).toEqual({
          status: 503,
          body: { ok: false, error: DATABASE_DOWN },
        });
        const read = await callCommand(server.url, 'getState', {}, { token });
        expect({ status: read.status, body: read.body }).toEqual({
          status: 503,
          body: { ok: false, error: DATABASE_DOWN },
        });
      }
      // Not ready, and why; still alive (an orchestrator must not restart it for this).
      const ready = await fetch(`${server.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([
        503,
        { ok: false, error: { code: 'database-unreachable', message: 'The team server cannot reach its database.' } },
      ]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
      expect((await fetch(`${server.url}/livez`)).status).toBe(200);
      dropped.drop();
      // Its reconnections are refused with 503 while the database is down (not 401: the bearer is still good).
      await until(() => dropped.refusals.length > 0, 'a refused reconnection');
      expect(new Set(dropped.refusals)).toEqual(new Set([503]));

      pg = await startEmbeddedPostgres(folder, { passwordFile: join(folder, 'pg-password'), port });
      // Nothing was applied while it was down.
      expect(await versionOf()).toBe(beforeStop);
      // The server's own pool reconnects: no restart of the server.
      await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, 'readyz after the restart');
      for (const id of reps.slice(6, 12)) {
        const answer = await grant([id]);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      }
      const caughtUp = await versionOf();
      expect(caughtUp).toBe(beforeStop + 6);
      // The steady stream hears it through the change feed only, so its LISTEN connection is back.
      await until(
        () => steady.versions.at(-1) === caughtUp && dropped.versions.at(-1) === caughtUp,
        `both followers to reach version ${caughtUp}`,
      );
      expect(steady.connects()).toBe(1);
      expect(dropped.connects()).toBe(2);

      // From here on, each commit is announced on its own to both.
      for (const id of reps.slice(12, 16)) expect((await grant([id])).status).toBe(200);
      const final = await versionOf();
      expect(final).toBe(caughtUp + 4);
      await until(
        () => steady.versions.at(-1) === final && dropped.versions.at(-1) === final,
        `both followers to reach version ${final}`,
      );
      for (const heard of [steady.versions, dropped.versions]) {
        // In order, never older than what the follower had: a reconnection starts from the current version
        // (which may repeat the last one heard; the client ignores a version it already has).
        expect(heard).toEqual([...heard].sort((a, b) => a - b));
        expect([...new Set(heard.filter((v) => v <= beforeStop))]).toEqual([
          beforeStop - 3,
          beforeStop - 2,
          beforeStop - 1,
          beforeStop,
        ]);
        expect([...new Set(heard.filter((v) => v > caughtUp))]).toEqual([
          caughtUp + 1,
          caughtUp + 2,
          caughtUp + 3,
          caughtUp + 4,
        ]);
      }
      // The grants: three before, none while down, ten after.
      const grants = await server.db.selectFrom('grants').select('member_id').where('org_id', '=', orgId).execute();
      expect(grants.map((g) => g.member_id).sort()).toEqual([...reps.slice(0, 3), ...reps.slice(6, 16)].sort());
    } finally {
      await steady.stop();
      await dropped.stop();
    }
  });
});
