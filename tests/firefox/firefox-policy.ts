import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolders } from '../e2e/made-folders.ts';

/**
 * Where Debian's Firefox ESR reads an enterprise policies.json first (seen
 * with strace: /etc/firefox/policies, then its distribution folder). Policies
 * are read once, at start.
 */
export const FIREFOX_POLICY_FILE = process.env.FIREFOX_POLICY_FILE ?? '/etc/firefox/policies/policies.json';

/**
 * IT's policy for one extension (`3rdparty` > `Extensions` > its gecko id),
 * which `browser.storage.managed` answers. A policies.json already there (a
 * real admin's) is kept: the entry is merged in, and the file restored as it
 * was. Returns `remove`, which restores it (or deletes what this made, folders
 * too), also on exit. The file is machine-wide: call remove as soon as Firefox
 * has started, which is when it reads it, so other Firefox runs on this machine
 * are governed by it for as short a time as possible.
 */
export function writeFirefoxPolicy(geckoId: string, values: Record<string, unknown>): () => void {
  const removeFolders = makeFolders(dirname(FIREFOX_POLICY_FILE));
  const original = existsSync(FIREFOX_POLICY_FILE) ? readFileSync(FIREFOX_POLICY_FILE, 'utf8') : undefined;
  const base = original ? (JSON.parse(original) as { policies?: Record<string, Record<string, unknown>> }) : {};
  const policies = base.policies ?? {};
  const thirdParty = (policies['3rdparty'] ?? {}) as { Extensions?: Record<string, unknown> };
  writeFileSync(
    FIREFOX_POLICY_FILE,
    JSON.stringify({
      ...base,
      policies: {
        ...policies,
        '3rdparty': { ...thirdParty, Extensions: { ...thirdParty.Extensions, [geckoId]: values } },
      },
    }),
  );
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    if (original === undefined) rmSync(FIREFOX_POLICY_FILE, { force: true });
    else writeFileSync(FIREFOX_POLICY_FILE, original);
    removeFolders();
    process.off('exit', remove);
  };
  process.on('exit', remove);
  return remove;
}
