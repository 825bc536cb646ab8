// Set-up shared by `npm start` and `npm test`, so that each works on a fresh
// clone. Plain JavaScript: on a fresh clone it runs on the machine's Node
// (20 here), before node_modules brings Node 22 (the `node` package).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';

/** Runs a command in the project, inheriting the terminal; throws on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(
      `"${command} ${args.join(' ')}" failed${result.status === null ? ` (${result.signal})` : ` with exit code ${result.status}`}.`,
    );
  }
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const installed = join(ROOT, 'node_modules/.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (
    existsSync(installed) &&
    statSync(installed).mtimeMs >= statSync(lock).mtimeMs &&
    existsSync(join(ROOT, 'node_modules/.bin/node'))
  )
    return;
  console.log('› Installing dependencies (npm ci), Node 22 among them…');
  npmCi();
}

/**
 * `npm ci`, run by Node 22 even on a machine whose own Node is older. The
 * packages declare Node >= 22, and npm running on Node 20 warns once per package
 * (EBADENGINE, some 30 lines) although the project then runs them on Node 22. So
 * the Node 22 the lock file pins (the npm `node` package) is installed first
 * into a temporary folder, put first on PATH for npm itself, and removed after.
 * Nothing of npm's output is filtered: any other warning or error shows.
 */
export function npmCi(extraArgs = []) {
  // Playwright must not try to download its own browsers: we use Debian's Chromium.
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  const major = Number(process.versions.node.split('.')[0]);
  const bootstrap = major < 22 ? bootstrapNode() : undefined;
  try {
    if (bootstrap) env.PATH = `${bootstrap.bin}${delimiter}${env.PATH ?? ''}`;
    run('npm', ['ci', '--no-audit', '--no-fund', ...extraArgs], { env });
  } finally {
    bootstrap?.remove();
  }
}

/** The lock file's Node 22 in a temporary folder (from npm's cache after the first time): its bin folder. */
function bootstrapNode() {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies.node;
  const dir = mkdtempSync(join(tmpdir(), 'marketo-access-node-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  // The `node` package fetches its binary in an install script: allowed here as in the project's package.json.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, allowScripts: { node: true } }));
  try {
    run('npm', [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--prefix',
      dir,
      `node@${version}`,
    ]);
  } catch (error) {
    remove();
    throw error;
  }
  return { bin: join(dir, 'node_modules/.bin'), remove };
}

/** Debian's Chromium, installed with apt when missing (as root, as CI runs). */
export function ensureChromium() {
  ensureDebianPackage(CHROMIUM, 'chromium', 'CHROMIUM_PATH');
}

/** Debian's Firefox ESR, for the Firefox end-to-end tests; installed the same way. */
export function ensureFirefox() {
  ensureDebianPackage(FIREFOX, 'firefox-esr', 'FIREFOX_PATH');
}

/**
 * Debian's PgBouncer, for the server tests that run commands through a
 * transaction-mode pooler; installed the same way. The tests start their own,
 * on a free port with their own settings: any system service is left alone.
 */
export function ensurePgbouncer() {
  ensureDebianPackage(PGBOUNCER, 'pgbouncer', 'PGBOUNCER_PATH');
}

function ensureDebianPackage(binary, aptPackage, envName) {
  if (existsSync(binary)) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    throw new Error(
      `${aptPackage} is missing at ${binary}. Install it (Debian: "sudo apt-get install ${aptPackage}") or set ${envName} to its binary.`,
    );
  }
  console.log(`› Installing Debian’s ${aptPackage} with apt…`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', aptPackage], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function commandExists(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs an npm script: npm puts node_modules/.bin first on PATH, so its `node` is Node 22. */
export const npmRun = (script, args = []) =>
  run('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])]);
