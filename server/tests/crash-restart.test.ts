import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntry, type ChildServer } from '../testing/child-server.ts';
import { SERVER_BUNDLE } from '../../scripts/build-server.mjs';
import { SERVER_NODE_OPTIONS } from '../node-options.ts';

// The real entry (server/main.ts) with its own embedded PostgreSQL, killed with SIGKILL as a crash or an
// out-of-memory killer would: no shutdown code runs and PostgreSQL keeps running. The next start must work.
let dataDir: string;
const running: ChildServer[] = [];
const embedded = () => ({
  DATA_DIR: dataDir,
  DATABASE_URL: undefined,
  SECRET_KEY: undefined,
  EMBEDDED_PG_PORT: undefined,
});
const postmasterFile = () => join(dataDir, 'pg', 'data', 'postmaster.pid');
const postmaster = () => Number(readFileSync(postmasterFile(), 'utf8').split('\n')[0]);
/** Whether the process runs (a zombie, exited and waiting for its new parent to reap it, does not). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};
/** Waits for a process that is not this test's child to be gone (no exit event reaches us for it). */
async function gone(pid: number, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function start(env: Record<string, string | undefined> = {}) {
  const server = await startEntry({ ...embedded(), ...env }, 60_000);
  running.push(server);
  return server;
}

/** Runs the entry expecting it to fail: its exit code and everything it printed. */
function failingStart(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    PORT: '0',
    NODE_ENV: 'development',
    ...embedded(),
    ...env,
  };
  for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_BUNDLE], {
      env: merged,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`it did not fail within 60 s: ${output}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The cause a failed start logged: its one `fatal` line, `cannot start`, with the cause in `reason`. */
function startFailure(output: string): string {
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level?: string; msg?: string; reason?: unknown });
  const failure = lines.find((line) => line.msg === 'cannot start');
  if (!failure) throw new Error(`no "cannot start" line in: ${output}`);
  expect(failure.level).toBe('fatal');
  expect(typeof failure.reason).toBe('string');
  return failure.reason as string;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'marketo-access-crash-'));
  // As root, PostgreSQL runs as the postgres user, which must pass through this folder.
  chmodSync(dataDir, 0o711);
});
afterAll(async () => {
  for (const server of running) await server.kill();
  if (existsSync(postmasterFile())) {
    const pid = postmaster();
    if (alive(pid)) process.kill(pid, 'SIGINT');
    await gone(pid).catch(() => process.kill(pid, 'SIGKILL'));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the entry with its embedded PostgreSQL, after a crash', () => {
  it('starts again after SIGKILL: the orphaned PostgreSQL is found and stopped, the data is kept', async () => {
    const first = await start();
    const claim = (await first.waitFor(/\/claim#([A-Za-z0-9_-]+)/))[1];
    const claimed = await fetch(`${first.url}/api/commands/claimOrg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ token: claim, orgName: 'Acme', name: 'Olivia Owner', email: 'olivia@example.com' }),
    });
    expect(claimed.status).toBe(200);
    const orphan = postmaster();

    await first.kill();
    // What made every later start fail before: PostgreSQL outlives its server.
    expect(alive(orphan)).toBe(true);

    const second = await start();
    expect(second.output()).toContain('was left running by a server that stopped without shutting it down');
    expect(alive(orphan)).toBe(false);
    expect(postmaster()).not.toBe(orphan);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    // The org made before the crash is there: no new claim link.
    expect(second.output()).not.toContain('/claim#');
    const signIn = await fetch(`${second.url}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'olivia@example.com', type: 'sign-in' }),
    });
    expect(signIn.status).toBe(200);
    expect(statSync(join(dataDir, 'pg-password')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);

    // A second server on the same folder while this one runs: refused, saying why, and this one's database untouched.
    const rival = await failingStart({});
    expect(rival.code).toBe(1);
    expect(startFailure(rival.output)).toMatch(
      /^The embedded PostgreSQL in .* belongs to another running server \(process \d+\)/,
    );
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);

    // The password file's secret is never printed: not on a start, a restart after a crash, nor a refused start.
    const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    for (const output of [first.output(), second.output(), rival.output]) expect(output).not.toContain(password);

    const own = postmaster();
    await second.stop();
    // SIGTERM stops its PostgreSQL too.
    expect(alive(own)).toBe(false);
    expect(existsSync(postmasterFile())).toBe(false);
    // Four starts of a real PostgreSQL, the first with initdb: slow on a busy machine.
  }, 240_000);

  it('prints the cause of a failed start, never "undefined"', async () => {
    const own = mkdtempSync(join(tmpdir(), 'marketo-access-crash-'));
    chmodSync(own, 0o711);
    // PostgreSQL cannot listen on a port something else holds.
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const port = (holder.address() as { port: number }).port;
      const failed = await failingStart({ DATA_DIR: own, EMBEDDED_PG_PORT: String(port) });
      expect(failed.code).toBe(1);
      const reason = startFailure(failed.output);
      expect(reason).toMatch(/^PostgreSQL did not start in .*Address already in use/);
      expect(reason).not.toContain('undefined');
    } finally {
      holder.close();
      rmSync(own, { recursive: true, force: true });
    }
    // A bad SECRET_KEY says what a good one is.
    const badKey = await failingStart({ SECRET_KEY: 'short' });
    expect(startFailure(badKey.output)).toContain('SECRET_KEY must be the base64 of 32 random bytes');
  }, 120_000);
});
