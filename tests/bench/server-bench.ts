// `npm run bench:server`: the team server under load, on loopback only.
// Starts its own PostgreSQL (embedded, in the system temp folder) and one
// server process (tests/bench/server-entry.ts, built as `npm run server` builds its entry), seeds orgs straight into the
// database (members, better-auth users and bearer sessions), measures with a
// small hand-rolled concurrent HTTP client, prints each figure beside its
// same-run reference and target with PASS or MISS, writes
// bench-results/server.json, and stops everything it started, even on failure.
// Every loop is bounded in count; the whole run takes about a minute or two.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { aMember, anOrg } from '../fixtures/domain.ts';
import { COMMANDS, type CommandName } from '../../lib/features/registry.ts';
import { authSecretFrom } from '../../server/auth/auth.ts';
import { connect } from '../../server/db/connect.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { SERVER_NODE_OPTIONS } from '../../server/node-options.ts';
import { buildServer } from '../../scripts/build-server.mjs';
import { adminQuery } from '../../server/testing/postgres-cluster.ts';
import { seedOrg } from '../../server/testing/seed.ts';
import { formatTable, median, ms, type Row } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ORGS = 100;
const MEMBERS = 100;
const FOLLOWERS_PER_ORG = 10;

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
interface Reply {
  status: number;
  body: string;
  serverMs: number;
}
function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          body,
          serverMs: Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''))?.[1] ?? Number.NaN),
        }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(init.body);
  });
}
/** A command as the extension sends it: an Idempotency-Key on a write only (lib/backend/team-server/worker/backend.ts). */
const command = (base: string, token: string, name: CommandName, input: unknown) =>
  call(`${base}/api/commands/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(COMMANDS[name].writes && { 'idempotency-key': randomUUID(), 'x-bench-timing': '1' }),
    },
    body: JSON.stringify(input),
  });

/** `clients` loops, each sending its next request when the last one answered, `total` requests in all: latencies in ms. */
async function load(clients: number, total: number, send: (i: number) => Promise<Reply>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        const reply = await send(i);
        latencies.push(performance.now() - start);
        if (reply.status !== 200)
          throw new Error(`bench: request answered ${reply.status}: ${reply.body.slice(0, 200)}`);
      }
    }),
  );
  return latencies;
}

const SECRET_KEY = randomBytes(32);
const AUTH_SECRET = authSecretFrom(SECRET_KEY);
/** A bearer as the server hands it out (`set-auth-token`): the session token and its HMAC under better-auth's secret. */
const signedBearer = (token: string) => `${token}.${createHmac('sha256', AUTH_SECRET).update(token).digest('base64')}`;

interface SeededOrg {
  id: string;
  memberIds: string[];
  adminToken: string;
  repTokens: string[];
}

/** An org of MEMBERS members (an admin, the rest reps), connected; sessions for the admin and the first reps. */
async function seedBenchOrg(db: ReturnType<typeof connect>['db'], n: number, sessions: number): Promise<SeededOrg> {
  const now = Date.now();
  const memberIds = Array.from({ length: MEMBERS }, (_, i) => (i === 0 ? `o${n}-admin` : `o${n}-rep${i}`));
  const members = memberIds.map((id, i) =>
    aMember({
      id,
      name: id,
      email: `${id}@bench.example`,
      role: i === 0 ? 'admin' : 'user',
      status: 'active',
      invitedAt: now - 86_400_000,
    }),
  );
  const id = await seedOrg(
    db,
    {
      name: `Org ${n}`,
      members,
      org: { status: 'connected', connection: anOrg({ ownerId: memberIds[0], connectedAt: now - 7 * 86_400_000 }) },
    },
    now,
  );
  const tokens: string[] = [];
  const users = members.slice(0, sessions + 1).map((m) => ({
    id: randomUUID(),
    name: m.name,
    email: m.email,
    emailVerified: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  }));
  // Each session bound to its member's membership, as a sign-in makes it.
  const rows = users.map((u, i) => ({
    id: randomUUID(),
    token: randomBytes(24).toString('base64url'),
    userId: u.id,
    orgId: id,
    memberId: memberIds[i]!,
    expiresAt: new Date(now + 86_400_000),
    createdAt: new Date(),
    updatedAt: new Date(),
  }));
  await db
    .insertInto('user' as never)
    .values(users as never)
    .execute();
  await db
    .insertInto('session' as never)
    .values(rows as never)
    .execute();
  tokens.push(...rows.map((r) => signedBearer(r.token)));
  return { id, memberIds, adminToken: tokens[0]!, repTokens: tokens.slice(1) };
}

interface Follower {
  versions: Map<number, number>;
  close(): void;
}
/** GET /api/changes as a page does; keeps when (performance.now()) each version arrived. */
function follow(base: string, token: string): Promise<Follower> {
  return new Promise((ready, fail) => {
    const versions = new Map<number, number>();
    const req = request(`${base}/api/changes`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return fail(new Error(`follow: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      let first = true;
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /data: (.*)/.exec(block)?.[1];
          if (data) versions.set(JSON.parse(data).version, performance.now());
          if (first && data) {
            first = false;
            ready({ versions, close: () => req.destroy() });
          }
        }
      });
      res.on('error', () => {});
    });
    req.on('error', (error) => (versions.size === 0 ? fail(error) : undefined));
    req.end();
  });
}

const until = async (check: () => boolean, what: string, limitMs: number) => {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const rows: Row[] = [];
const row = (
  metric: string,
  value: string,
  reference: string,
  target: string,
  pass: boolean,
  data: Record<string, unknown>,
) => rows.push({ metric, value, reference, target, verdict: pass ? 'PASS' : 'MISS', data });

let pg: EmbeddedDatabase | undefined;
let child: ChildProcess | undefined;
let folder: string | undefined;
let seeding: ReturnType<typeof connect> | undefined;
const followers: Follower[] = [];
const started = Date.now();
const progress = (what: string) =>
  console.error(`bench:server: ${what} (${Math.round((Date.now() - started) / 1000)} s)`);
try {
  folder = mkdtempSync(join(tmpdir(), 'marketo-access-bench-pg-'));
  pg = await startEmbeddedPostgres(folder, { passwordFile: join(folder, 'pg-password') });
  await adminQuery(pg.url(), 'CREATE DATABASE bench');
  const databaseUrl = pg.url('bench');
  seeding = connect(databaseUrl, { max: 4 });
  await migrate(seeding.db);
  const orgs: SeededOrg[] = [await seedBenchOrg(seeding.db, 0, FOLLOWERS_PER_ORG)];

  // BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof': node options for the server process alone.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // The options `npm run server` gives (server/node-options.ts), then the bench's own.
  // Built as `npm run server` builds server/main.ts (scripts/build-server.mjs): one file, no type stripping at run time.
  const entry = await buildServer('tests/bench/server-entry.ts', join(ROOT, '.output/bench-server/server-entry.mjs'));
  child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, ...nodeArgs, entry], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SECRET_KEY: SECRET_KEY.toString('base64'),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`bench server did not start: ${out}`)), 30_000);
    child!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /bench server on (\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        ok(url);
      }
    });
    child!.once('exit', () => fail(new Error(`bench server exited: ${out}`)));
  });
  const getState = (org: SeededOrg, i: number) =>
    command(base, org.repTokens[i % org.repTokens.length]!, 'getState', {});
  // The seeded bearers must be real ones: a refused bearer reads the signed-out view, also with a 200.
  const me = await call(`${base}/api/session`, { headers: { authorization: `Bearer ${orgs[0]!.repTokens[0]}` } });
  if (me.status !== 200) throw new Error(`bench: a seeded bearer was refused (${me.status}): ${me.body.slice(0, 200)}`);
  // Warm up: JIT (the optimizing compiler settles after a few thousand reads: with 1,000 the first figures ran
  // 2x the later ones), pool connections, better-auth's first session reads.
  await load(10, 6_000, (i) => getState(orgs[0]!, i));

  progress('server started');
  // 1. Status read p50 with 1, 10 and 100 orgs on the server: it should not grow with the number of orgs.
  const flat: Record<number, number[]> = {};
  for (const count of [1, 10, 100]) {
    while (orgs.length < count) orgs.push(await seedBenchOrg(seeding.db, orgs.length, FOLLOWERS_PER_ORG));
    await sql`analyze`.execute(seeding.db);
    progress(`${count} orgs seeded`);
    flat[count] = [];
    for (let run = 0; run < RUNS; run++)
      flat[count]!.push(percentile(await load(10, 400, (i) => getState(orgs[i % orgs.length]!, i)), 50));
  }
  const flatMedians = [1, 10, 100].map((n) => median(flat[n]!));
  const spread = Math.max(...flatMedians) / Math.min(...flatMedians);
  row(
    'getState p50 with 1 / 10 / 100 orgs (10 clients)',
    flatMedians.map(ms).join(' / '),
    `ratio max/min ${spread.toFixed(2)}x`,
    'within 1.5x',
    spread <= 1.5,
    { p50ByOrgs: flat },
  );

  progress('flat done');
  // 2. Status read at 50 concurrent clients against a bare SELECT 1 route on the same server and pool.
  const state = { p50: [] as number[], p99: [] as number[] };
  const bare = { p50: [] as number[], p99: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const s = await load(50, 2_000, (i) => getState(orgs[i % orgs.length]!, i));
    const b = await load(50, 2_000, () => call(`${base}/bench/select-1`));
    state.p50.push(percentile(s, 50));
    state.p99.push(percentile(s, 99));
    bare.p50.push(percentile(b, 50));
    bare.p99.push(percentile(b, 99));
  }
  const [s50, s99, b50, b99] = [median(state.p50), median(state.p99), median(bare.p50), median(bare.p99)];
  row(
    'getState p50, 50 concurrent clients',
    ms(s50),
    `SELECT 1 route ${ms(b50)} (${(s50 / b50).toFixed(2)}x)`,
    `≤ 2x reference (${ms(2 * b50)})`,
    s50 <= 2 * b50,
    { getState: state, select1: bare },
  );
  row(
    'getState p99, 50 concurrent clients',
    ms(s99),
    `SELECT 1 route ${ms(b99)} (${(s99 / b99).toFixed(2)}x)`,
    `≤ 2x reference (${ms(2 * b99)})`,
    s99 <= 2 * b99,
    {},
  );

  // Diagnostic, no target: one client at a time (the cost of one request, without queueing for the pool or the CPU).
  const alone = median(await load(1, 300, (i) => getState(orgs[i % orgs.length]!, i)));
  const aloneBare = median(await load(1, 300, () => call(`${base}/bench/select-1`)));
  rows.push({
    metric: 'getState p50, 1 client (diagnostic)',
    value: ms(alone),
    reference: `SELECT 1 route ${ms(aloneBare)} (${(alone / aloneBare).toFixed(2)}x)`,
    target: 'none',
    verdict: 'INFO',
    data: { alone, aloneBare },
  });
  progress('50 clients done');
  // 3. A bulk grant of 100 members against a grant of 1: server time (Server-Timing), each run revoking afterwards.
  const org = orgs[0]!;
  const one: number[] = [];
  const hundred: number[] = [];
  let grantedHundred = 0;
  for (let run = 0; run < Math.max(RUNS, 7); run++) {
    const single = await command(base, org.adminToken, 'grantAccess', {
      memberIds: [org.memberIds[1]],
      workspaceIds: [1],
    });
    one.push(single.serverMs);
    await command(base, org.adminToken, 'removeAccess', { memberIds: [org.memberIds[1]] });
    const bulk = await command(base, org.adminToken, 'grantAccess', { memberIds: org.memberIds, workspaceIds: [1, 2] });
    hundred.push(bulk.serverMs);
    grantedHundred = JSON.parse(bulk.body).value.granted;
    await command(base, org.adminToken, 'removeAccess', { memberIds: org.memberIds.slice(1) });
  }
  const [g1, g100] = [median(one), median(hundred)];
  row(
    `grantAccess of 100 members (server time; ${grantedHundred} granted)`,
    ms(g100),
    `grant of 1: ${ms(g1)} (${(g100 / g1).toFixed(2)}x)`,
    '≤ 3x reference',
    g100 <= 3 * g1,
    { grant1: one, grant100: hundred, granted: grantedHundred },
  );
  row('grantAccess of 100 members, server time', ms(g100), '', '< 30 ms', g100 < 30, {});

  progress('grants done');
  // 4. 1,000 reps (10 in each of the 100 orgs) follow the change feed on this one process; grants in turn; each notice's delay to each follower.
  for (const o of orgs)
    for (const token of o.repTokens.slice(0, FOLLOWERS_PER_ORG)) followers.push(await follow(base, token));
  progress(`${followers.length} followers connected`);
  const delays: number[] = [];
  const grants = Math.min(ORGS, 50);
  for (let g = 0; g < grants; g++) {
    const target = orgs[(g * 7) % orgs.length]!;
    const mine = followers.slice(
      orgs.indexOf(target) * FOLLOWERS_PER_ORG,
      (orgs.indexOf(target) + 1) * FOLLOWERS_PER_ORG,
    );
    const version = Math.max(...mine[0]!.versions.keys()) + 1;
    const sent = performance.now();
    const reply = await command(base, target.adminToken, 'grantAccess', {
      memberIds: [target.memberIds[2 + g]],
      workspaceIds: [1],
    });
    if (reply.status !== 200) throw new Error(`bench: grant answered ${reply.status}`);
    await until(() => mine.every((f) => f.versions.has(version)), `version ${version} at every follower`, 10_000);
    for (const f of mine) delays.push(f.versions.get(version)! - sent);
  }
  const memory = JSON.parse((await call(`${base}/bench/memory`)).body).value as NodeJS.MemoryUsage;
  const d99 = percentile(delays, 99);
  row(
    `change notice to every follower (${followers.length} following, ${grants} grants)`,
    `p99 ${ms(d99)}`,
    `p50 ${ms(percentile(delays, 50))}, from sending the grant`,
    'p99 < 500 ms',
    d99 < 500,
    { delays: delays.length, p50: percentile(delays, 50), p99: d99 },
  );
  row(
    `server process memory (RSS) with ${followers.length} followers`,
    `${(memory.rss / 2 ** 20).toFixed(0)} MB`,
    `heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MB`,
    '< 200 MB',
    memory.rss < 200 * 2 ** 20,
    { memory },
  );

  console.log(
    `\nTeam server bench (${RUNS} runs each; medians; loopback; ${ORGS} orgs of ${MEMBERS} members; ${Math.round((Date.now() - started) / 1000)} s)\n`,
  );
  console.log(formatTable(rows));
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench-results/server.json'),
    JSON.stringify({ at: new Date().toISOString(), runs: RUNS, node: process.version, rows }, null, 2),
  );
  console.log('\nwrote bench-results/server.json');
} finally {
  for (const f of followers) f.close();
  agent.destroy();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  await seeding?.close().catch(() => {});
  await pg?.stop().catch(() => {});
  if (folder) rmSync(folder, { recursive: true, force: true });
}
