import { createHash } from 'node:crypto';
import { existsSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeFolders } from './made-folders.ts';

/** Where Debian's Chromium reads mandatory policies on Linux (one JSON file or more). */
export const CHROMIUM_POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

/**
 * The id Chromium gives an unpacked extension without a `key`: the first 32
 * hex digits of the SHA-256 of its absolute path, written with the letters a-p.
 * Derived from the path, so each checkout (each developer's worktree) has its
 * own id, and a policy written for one touches no other.
 */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
}

/** Whether this run may write Chromium's policy folder (as root, as CI runs). */
export function canWritePolicies(): boolean {
  let dir = CHROMIUM_POLICY_DIR;
  while (!existsSync(dir)) dir = dirname(dir);
  try {
    const probe = join(dir, `.marketo-access-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * An IT admin's policy for this extension alone (`3rdparty` > `extensions` >
 * its id), as Chromium on Linux reads it. Returns `update` (rewrite it while the
 * browser runs) and `remove`, which deletes the file and every folder this made,
 * and nothing else; also on exit, so an interrupted run leaves no policy behind.
 */
export function writeChromiumPolicy(extensionId: string, values: Record<string, unknown>) {
  const removeFolders = makeFolders(CHROMIUM_POLICY_DIR);
  const file = join(CHROMIUM_POLICY_DIR, `marketo-access-test-${extensionId}.json`);
  const update = (next: Record<string, unknown>) =>
    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: next } } }));
  update(values);
  const remove = () => {
    rmSync(file, { force: true });
    removeFolders();
    process.off('exit', remove);
  };
  process.on('exit', remove);
  return { update, remove };
}
