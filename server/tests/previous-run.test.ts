import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript (it runs before node_modules exists), without types.
import { recordRun, stopPreviousRun } from '../../scripts/previous-run.mjs';

// `npm start` killed with SIGKILL leaves its children (own process groups) running; the next run stops them.
const folder = mkdtempSync(join(tmpdir(), 'marketo-access-previous-run-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const groupRunning = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A detached process that starts a child of its own: a process group of two, as the team server and PostgreSQL. */
async function aGroup(): Promise<number> {
  const script = `require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
    setInterval(() => {}, 1e6); console.log('up');`;
  const child = spawn(process.execPath, ['-e', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.unref();
  return child.pid!;
}

/** The pid of a process that has exited. */
async function aGonePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('a previous npm start, killed', () => {
  it('leaves process groups that the next run stops, whole', async () => {
    const file = join(folder, 'run.json');
    const group = await aGroup();
    writeFileSync(file, JSON.stringify({ pid: await aGonePid(), marker: 'start.mjs', groups: [group] }));
    const lines: string[] = [];
    await stopPreviousRun(file, { log: (line: string) => lines.push(line) });
    expect(groupRunning(group)).toBe(false);
    expect(lines.join('\n')).toContain('left 1 of its processes running: stopping them');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to start while that run is still going, and touches nothing of it', async () => {
    const file = join(folder, 'live.json');
    const group = await aGroup();
    try {
      recordRun(file, [{ pid: group }], readFileSync(`/proc/${process.pid}/cmdline`, 'utf8').split('\0')[1]);
      await expect(stopPreviousRun(file)).rejects.toThrow(/npm start is already running \(process \d+\)/);
      expect(groupRunning(group)).toBe(true);
    } finally {
      process.kill(-group, 'SIGKILL');
    }
  });
});
