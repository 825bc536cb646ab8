// @vitest-environment node
import { execFileSync, spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
// npm puts node_modules/.bin (Node 22) first on PATH for tests: take it off to find the machine's own Node.
const machinePath = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => !dir.includes('node_modules'))
  .join(delimiter);
const machineNode = () =>
  execFileSync('sh', ['-c', 'command -v node'], { env: { ...process.env, PATH: machinePath } })
    .toString()
    .trim();

describe('a fresh install', () => {
  it('prints no EBADENGINE warning when started on the machine’s own Node, and hides no other output', () => {
    const node = machineNode();
    const version = execFileSync(node, ['--version']).toString().trim();
    // npm ci --dry-run checks engines as the real install does, without touching node_modules (nor running scripts).
    const result = spawnSync(
      node,
      [
        '--input-type=module',
        '-e',
        `import('${join(ROOT, 'scripts/setup.mjs')}').then((m) => m.npmCi(['--dry-run', '--ignore-scripts']))`,
      ],
      { cwd: ROOT, env: { ...process.env, PATH: machinePath }, encoding: 'utf8', timeout: 120_000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output, `on ${version}`).not.toContain('EBADENGINE');
    // npm's own summary still shows: its output is not swallowed.
    expect(output).toMatch(/added \d+ packages|up to date/);
  }, 120_000);
});
