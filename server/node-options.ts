/**
 * The Node options every team-server process runs with: `npm run server` and
 * `npm run server:dev` (package.json, checked by server/tests/node-options.test.ts),
 * `npm start`, the tests' child processes and the bench. Measured with
 * `npm run bench:server` (docs/performance.md):
 *
 * - `--max-semi-space-size=8` (MB): V8's young generation may grow to 16 MB
 *   semi-spaces by default, which a busy process keeps resident: 1,000
 *   change-feed followers then held 208-235 MB RSS, with it 176-205 MB.
 * - `--experimental-async-context-frame` (Node 24's default): AsyncLocalStorage
 *   on V8's context frames instead of async hooks. better-auth keeps its
 *   request context in one, and with async hooks every promise of every
 *   request paid a hook once anyone had signed in: a quarter to a third of a
 *   status read's CPU.
 */
export const SERVER_NODE_OPTIONS = ['--max-semi-space-size=8', '--experimental-async-context-frame'] as const;

/** The options this process was started without (main.ts says so in its log). */
export const missingNodeOptions = (execArgv: readonly string[], nodeOptions = ''): string[] => {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return SERVER_NODE_OPTIONS.filter((option) => !given.includes(option));
};
