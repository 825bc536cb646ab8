// `npm run bench:server`: the team server under load (loopback only, bounded);
// see tests/bench/server-bench.ts. Prints a table with PASS/MISS beside each
// target and writes bench-results/server.json. Not part of `npm test`.
//
//   BENCH_RUNS=5 node scripts/bench-server.mjs
//
// Needs Node 22 (TypeScript type stripping): `npm run bench:server` uses the project's node.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `bench:server: Node ${process.version} cannot run TypeScript; use the project's Node 22 (npm run bench:server).`,
  );
  process.exit(2);
}
await import('../tests/bench/server-bench.ts');
