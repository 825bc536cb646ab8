/**
 * `web-ext lint` on the built Firefox MV3 extension (npm run lint:firefox,
 * after npm run build:firefox). Fails on any error, and on any warning that
 * is not one of the known ones below (each explained in the README's
 * "Browsers tested" section).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SOURCE = resolve('.output/firefox-mv3');

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** True when no source file of ours asks Preact for raw HTML. */
const noRawHtmlInSources = () =>
  ['components', 'entrypoints', 'lib'].every((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .every((file) => !readFileSync(join(dir, file), 'utf8').includes('dangerouslySetInnerHTML')),
  );

/** The warnings we keep, each with a test that it is still that case and not a new one. */
const KNOWN: { code: string; why: string; applies: (m: LintMessage) => boolean }[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "Preact's renderer sets innerHTML only for dangerouslySetInnerHTML, which this project never uses",
    applies: (m) => {
      if (!m.file?.startsWith('chunks/') || m.line === undefined || m.column === undefined || !noRawHtmlInSources())
        return false;
      const line = readFileSync(join(SOURCE, m.file), 'utf8').split('\n')[m.line - 1] ?? '';
      return /innerHTML\s*=\s*[\w$]+\.__html/.test(line.slice(Math.max(0, m.column - 40), m.column + 60));
    },
  },
];

const result = spawnSync(
  resolve('node_modules/.bin/web-ext'),
  ['lint', '--source-dir', SOURCE, '--output', 'json', '--no-config-discovery'],
  { encoding: 'utf8' },
);
let report: { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(`web-ext lint gave no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  process.exit(1);
}

const describe = (m: LintMessage) =>
  `${m.code} ${m.message}${m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : ''}`;
const unexpected = report.warnings.filter((w) => !KNOWN.some((k) => k.code === w.code && k.applies(w)));
console.log(
  `web-ext lint on ${SOURCE}: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`,
);
for (const w of report.warnings) {
  const known = KNOWN.find((k) => k.code === w.code && k.applies(w));
  console.log(`  ${known ? 'known' : 'NEW  '} warning ${describe(w)}${known ? `: ${known.why}` : ''}`);
}
for (const e of report.errors) console.log(`  error ${describe(e)}`);
if (report.errors.length > 0 || unexpected.length > 0) {
  console.error(
    'web-ext lint: fix the errors and new warnings above, or list a warning with its reason in the README and tests/firefox/lint.ts.',
  );
  process.exit(1);
}
