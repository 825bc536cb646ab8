// `npm start`: set up, build the extension, start the team server (embedded
// PostgreSQL), the Marketo sandbox, and open Chromium with the unpacked build
// in its own profile. Ctrl+C, SIGTERM or closing Chromium stops every process
// it started: each runs in its own process group, stopped whole.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { remoteInstructions } from './remote-hints.mjs';
import { forgetRun, recordRun, stopPreviousRun } from './previous-run.mjs';
import { CHROMIUM, ensureChromium, ensureDependencies, npmRun, ROOT } from './setup.mjs';
import { SERVER_NODE_OPTIONS } from '../server/node-options.ts';
import { buildServer } from './build-server.mjs';

// A previous `npm start` killed with SIGKILL left its children running (they hold the server's port and its database).
const RUN_FILE = join(ROOT, '.output/npm-start.json');
mkdirSync(join(ROOT, '.output'), { recursive: true });
try {
  await stopPreviousRun(RUN_FILE);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
ensureDependencies();
ensureChromium();
// A build that may reach the sandbox on loopback; `npm run build` makes the production one.
npmRun('build:sandbox');

const extension = join(ROOT, '.output/chrome-mv3');
const profile = join(ROOT, '.output/chromium-profile');
mkdirSync(profile, { recursive: true });
const NODE = join(ROOT, 'node_modules/.bin/node');

const children = [];
/** Starts a process in its own group, so that stopping it stops what it started too. */
function start(command, args, options = {}) {
  const child = spawn(command, args, { cwd: ROOT, detached: true, ...options });
  children.push(child);
  recordRun(RUN_FILE, children);
  return child;
}

let stopping = false;
function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  // On SIGTERM the server drains (up to 10 s for requests in flight) and stops its PostgreSQL; then insist.
  const insist = setTimeout(() => {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.exit(code);
  }, 15_000);
  insist.unref();
  Promise.all(
    children.map((child) =>
      child.exitCode !== null || child.signalCode !== null ? null : new Promise((done) => child.once('exit', done)),
    ),
  ).then(() => {
    forgetRun(RUN_FILE);
    process.exit(code);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
process.on('SIGHUP', () => stopAll(0));
// A SIGTERM sent to `npm start` ends npm without passing it on (seen with npm 11):
// when the parent is gone, stop as if told to.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stopAll(0);
}, 500).unref();

// The team server prints its owner link and, in development, each sign-in code.
const serverPort = process.env.PORT ?? '8787';
// As `npm run server` runs it: one file built from server/main.ts (scripts/build-server.mjs).
start(NODE, [...SERVER_NODE_OPTIONS, await buildServer()], {
  stdio: 'inherit',
  env: { ...process.env, PORT: serverPort, MARKETO_ALLOW_LOOPBACK: '1', NODE_ENV: 'development' },
}).on('exit', (code) => {
  if (!stopping) {
    console.error(`\nThe team server stopped (exit ${code}): stopping everything.`);
    stopAll(1);
  }
});
// The sandbox prints its URL and demo credentials for the connection form.
const sandboxPort = process.env.SANDBOX_PORT ?? '4010';
start(NODE, [join(ROOT, 'tests/sandbox/cli.ts'), '--port', sandboxPort], { stdio: 'inherit' });

console.log(
  `\nTeam server: http://localhost:${serverPort} (choose "Team server" in the extension's options page and enter this URL).`,
);
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  const at = { user: userInfo().username, host: hostname(), serverPort, sandboxPort, extensionDir: extension };
  console.log(remoteInstructions(at).join('\n'));
  console.log('The team server and the sandbox keep running: press Ctrl+C to stop them.');
} else {
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    'chrome://extensions',
  ];
  start(CHROMIUM, args, { stdio: 'ignore' }).on('exit', () => stopAll(0));
  console.log('Chromium is open with Marketo Access loaded: click its toolbar icon (puzzle menu > Marketo Access).');
}
