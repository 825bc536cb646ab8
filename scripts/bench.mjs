// `npm run bench`: build the extension, measure it (headless Chromium, the
// Marketo sandbox on a fake clock), print medians beside same-run references
// and targets, and write bench-results/bench.json. Not part of `npm test`.
//
//   node scripts/bench.mjs [--runs=7] [--no-build] [--calls=1000] [--build-dir=DIR]
//
// --build-dir measures a build made elsewhere (implies --no-build); its zip is
// looked for next to it, as .output/*-chrome.zip is next to .output/chrome-mv3.
//
// Needs Node 22 (its TypeScript type stripping runs tests/bench/*.ts):
// `npm run bench` uses the project's own node from node_modules/.bin.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const buildDirArg = args.find((a) => a.startsWith('--build-dir='))?.slice('--build-dir='.length);
const unknown = args.filter(
  (a) => !/^--(runs|calls)=\d+$/.test(a) && a !== '--no-build' && !a.startsWith('--build-dir='),
);
if (unknown.length > 0) {
  console.error(
    `bench: unknown argument ${unknown.join(' ')}\nusage: node scripts/bench.mjs [--runs=7] [--no-build] [--calls=1000] [--build-dir=DIR]`,
  );
  process.exit(2);
}
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `bench: Node ${process.version} cannot run TypeScript; use the project's Node 22 (npm run bench, or npx node scripts/bench.mjs).`,
  );
  process.exit(2);
}

const { runBench } = await import('../tests/bench/run.ts');
try {
  const { rows, table } = await runBench({
    root: ROOT,
    buildDir: buildDirArg ? resolve(buildDirArg) : join(ROOT, '.output', 'chrome-mv3'),
    runs: flag('runs', 7),
    calls: flag('calls', 1000),
    build: !args.includes('--no-build') && !buildDirArg,
    resultsDir: join(ROOT, 'bench-results'),
  });
  console.log(`\n${table}\n`);
  const missed = rows.filter((r) => r.verdict === 'MISS').length;
  console.log(
    `${rows.filter((r) => r.verdict === 'PASS').length} PASS, ${missed} MISS; medians; details in bench-results/bench.json`,
  );
} catch (error) {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
