// What a killed `npm start` leaves behind. Its children run in their own
// process groups (so that stopping one stops what it started), which also
// means a SIGKILL of `npm start` itself leaves them running: the team server
// holding its port and its PostgreSQL, the sandbox, Chromium. Each run
// records them; the next run stops what is left of the last one before it
// starts. Plain JavaScript, like start.mjs.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const running = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** The command line of a live process (Linux), or undefined. */
const commandOf = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
};

const groupRunning = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/**
 * Stops the process groups a previous run recorded in `file`, if that run's
 * own process is gone (SIGTERM, then SIGKILL after `patienceMs`: on SIGTERM
 * the server drains for up to 10 s, then stops its PostgreSQL). Throws if
 * that run is still going.
 */
export async function stopPreviousRun(file, { patienceMs = 15_000, log = console.log } = {}) {
  let record;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return;
  }
  if (running(record.pid) && (commandOf(record.pid) ?? '').includes(record.marker ?? 'start.mjs'))
    throw new Error(`npm start is already running (process ${record.pid}): stop it first (Ctrl+C there).`);
  const left = (record.groups ?? []).filter((pgid) => Number.isInteger(pgid) && pgid > 1 && groupRunning(pgid));
  if (left.length > 0) {
    log(`› A previous npm start was killed and left ${left.length} of its processes running: stopping them.`);
    for (const pgid of left) process.kill(-pgid, 'SIGTERM');
    const deadline = Date.now() + patienceMs;
    // Not our children: nothing to await but their absence.
    while (left.some(groupRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const pgid of left.filter(groupRunning)) process.kill(-pgid, 'SIGKILL');
  }
  rmSync(file, { force: true });
}

/** Records this run and its children's process groups (each child was started detached: its pid is its group). */
export function recordRun(file, children, marker = 'start.mjs') {
  writeFileSync(file, JSON.stringify({ pid: process.pid, marker, groups: children.map((c) => c.pid) }));
}

export const forgetRun = (file) => rmSync(file, { force: true });
