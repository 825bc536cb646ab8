// `npm run mutate`, first stage: the who check and the dispatcher's caller check, the `who:` line of every
// command's declaration, and what a member may read of the org; against the rules' tables and the authorization
// contract in trial mode (the same declarations the server dispatches), which take a second.
import { readdirSync, readFileSync } from 'node:fs';
import { base } from './stryker.base.mjs';

// Only the `who:` line of each declaration: the rest of a declaration (its schema, its body's log lines) runs at
// import, so each of its mutants would run every test; the rules have their own tables.
const whoLines = readdirSync('lib/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `lib/features/${entry.name}/commands.ts`)
  .flatMap((file) => {
    let lines;
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      return [];
    }
    return lines.flatMap((line, i) => (/^\s*who: '/.test(line) ? [`${file}:${i + 1}-${i + 1}`] : []));
  });

export default {
  ...base('rules'),
  mutate: ['lib/features/authorize.ts', 'lib/features/dispatch.ts', 'lib/features/session/view.ts', ...whoLines],
};
