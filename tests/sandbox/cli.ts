/**
 * Starts the Marketo sandbox for manual testing:
 *
 *   node tests/sandbox/cli.ts [--port 4010] [--no-workspaces] [--daily-quota 50000] [--latency 0]
 *
 * Node 22 runs this TypeScript file directly (type stripping). Stops on
 * Ctrl+C (SIGINT) or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from './server.ts';

const USAGE = 'Usage: node tests/sandbox/cli.ts [--port 4010] [--no-workspaces] [--daily-quota 50000] [--latency 0]';

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, not "${raw}".\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      'no-workspaces': { type: 'boolean', default: false },
      'daily-quota': { type: 'string' },
      latency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = wholeNumber('port', args.port, 4010);
let sandbox: Sandbox;
try {
  sandbox = await startSandbox({
    port,
    workspacesEnabled: !args['no-workspaces'],
    dailyQuota: wholeNumber('daily-quota', args['daily-quota'], 50_000),
    latencyMs: wholeNumber('latency', args.latency, 0),
  });
} catch (e) {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is already in use: pick another with --port.`
      : `Could not start the sandbox: ${String(e)}`,
  );
  process.exit(1);
}

const { credentials } = sandbox;
console.log(`Marketo sandbox listening on ${sandbox.url} (127.0.0.1 only)

  Connect the extension with:
    Munchkin ID    ${credentials.munchkinId}
    Client ID      ${credentials.clientId}
    Client Secret  ${credentials.clientSecret}
    REST URL       ${sandbox.restUrl}
    Identity URL   ${sandbox.identityUrl}

  Workspaces: ${sandbox.faults.workspacesEnabled ? 'enabled (Default, EMEA, North America, APAC)' : 'not enabled (Default only)'}

  Faults:  curl -X POST ${sandbox.url}/__sandbox/faults -H 'Content-Type: application/json' \\
             -d '{"next":[{"code":"606","count":2}],"workspacesEnabled":false}'
  Stats:   curl ${sandbox.url}/__sandbox/stats

  Ctrl+C stops it.`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the sandbox.`);
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
