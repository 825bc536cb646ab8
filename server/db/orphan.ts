import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import type { Logger } from '../observability/logger.ts';

interface ProcessInfo {
  ppid: number;
  command: string;
}

/** A live process's parent and command line (Linux's /proc, else `ps`); undefined once it is gone. */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: fields count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { ppid: Number(fields[1]), command };
  } catch {
    try {
      const line = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
      const match = line.match(/^(\d+)\s+(.*)$/);
      return match ? { ppid: Number(match[1]), command: match[2]! } : undefined;
    } catch {
      return undefined;
    }
  }
}

const readPid = (file: string): number | undefined => {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A PostgreSQL still running on `dataDir` from an earlier start whose server
 * is gone (killed with SIGKILL, so no shutdown code ran): it holds the data
 * folder and a new start would fail, so it is stopped (fast shutdown, then
 * SIGKILL if it lingers). It counts as in use, and is left alone, while its
 * parent is still the server recorded in `ownerFile`; this start then fails
 * saying which process holds it. A stale postmaster.pid naming a process that
 * is not PostgreSQL on this folder (a reused pid after a reboot) is ignored:
 * PostgreSQL clears it itself.
 */
export async function stopOrphanedPostgres(
  dataDir: string,
  ownerFile: string,
  logger: Logger,
  patienceMs = 15_000,
): Promise<void> {
  const pid = readPid(join(dataDir, 'postmaster.pid'));
  const info = pid === undefined ? undefined : processInfo(pid);
  if (pid === undefined || !info || !/postgres/.test(info.command) || !info.command.includes(dataDir)) return;
  const owner = readPid(ownerFile);
  if (owner !== undefined && owner === info.ppid && processInfo(owner))
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} belongs to another running server (process ${owner}): stop that one first, or give this one its own DATA_DIR.`,
    );
  logger.warn({ pid }, 'PostgreSQL was left running by a server that stopped without shutting it down: stopping it');
  const deadline = Date.now() + patienceMs;
  process.kill(pid, 'SIGINT');
  while (processInfo(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    // A process that is not our child cannot be awaited: look again shortly.
    await wait(50);
  }
  while (processInfo(pid)) await wait(50);
}
