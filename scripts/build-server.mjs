// `npm run server` (and `npm start`, the server tests' child processes, the bench) run the team server as one
// JavaScript file built from its TypeScript sources: running the sources directly keeps Node's type stripping and
// every source in the process (measured with 1,000 change-feed followers: 188 MB as TypeScript, 159 MB built).
// Packages stay in node_modules (external); `server/main.ts` is the entry, as before.
//
//   node scripts/build-server.mjs                 → .output/server/main.mjs
//   buildServer('tests/bench/server-entry.ts', '.output/bench-server/server-entry.mjs')
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = join(ROOT, '.output/server/main.mjs');

/** Bundles `entry` (relative to the project) into the ES module `out`; packages and node: builtins stay imports. */
export async function buildServer(entry = 'server/main.ts', out = SERVER_BUNDLE) {
  let rolldown;
  try {
    rolldown = await import('rolldown');
  } catch {
    throw new Error(
      'Building the team server needs the project’s development dependencies (rolldown): run `npm ci`, not `npm ci --omit=dev`.',
    );
  }
  await rolldown.build({
    input: join(ROOT, entry),
    platform: 'node',
    // Only our own files are bundled: a bare specifier is a package (or node:), resolved from node_modules at run time.
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    logLevel: 'warn',
    output: { file: out, format: 'esm', sourcemap: true },
  });
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer().catch((error) => {
    console.error(`build-server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
