// `npm start`: set up, build the extension, start the Marketo sandbox, and
// open Chromium with the unpacked build loaded in its own profile.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, ensureChromium, ensureDependencies, npmRun, ROOT } from './setup.mjs';

ensureDependencies();
ensureChromium();
// A build that may reach the sandbox on loopback; `npm run build` makes the production one.
npmRun('build:sandbox');

const extension = join(ROOT, '.output/chrome-mv3');
const profile = join(ROOT, '.output/chromium-profile');
mkdirSync(profile, { recursive: true });

// The sandbox prints its URL and demo credentials for the connection form.
const sandbox = spawn(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'tests/sandbox/cli.ts'), '--port', process.env.SANDBOX_PORT ?? '4010'], { stdio: 'inherit' });

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(`\nNo display here, so no browser window. Load ${extension} by hand in a browser elsewhere (see README), or set DISPLAY.`);
  console.log('The sandbox keeps running: press Ctrl+C to stop it.');
} else {
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    'chrome://extensions',
  ];
  const browser = spawn(CHROMIUM, args, { stdio: 'ignore' });
  console.log('\nChromium is open with Marketo Access loaded: click its toolbar icon (puzzle menu > Marketo Access).');
  browser.on('exit', () => {
    sandbox.kill('SIGTERM');
    process.exit(0);
  });
}
const stop = () => {
  sandbox.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
