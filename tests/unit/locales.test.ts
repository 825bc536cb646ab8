import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SKIP_REASON_TEXT } from '../../lib/domain/grant.ts';

type Messages = Record<string, { message: string }>;
const ROOT = process.cwd();
const locale = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, `public/_locales/${name}/messages.json`), 'utf8')) as Messages;
const en = locale('en');
const fr = locale('fr');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const texts = ['components', 'entrypoints', 'lib']
  .flatMap(sources)
  .map((file) => readFileSync(join(ROOT, file), 'utf8'));
/** Every t('key') in the pages, the worker and their components. */
const usedKeys = [
  ...new Set(texts.flatMap((text) => [...text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!))),
];
/** Every counted tp('key', n) and the keys of its plural forms. */
const countedKeys = [
  ...new Set(texts.flatMap((text) => [...text.matchAll(/\btp\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!))),
];
const placeholders = (text: string) =>
  [...text.matchAll(/\$(\d)/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

/** Words that are the same in both languages: anything else left in English is an untranslated string. */
const SAME_IN_FRENCH = new Set(['extName', 'marketo_title', 'common_withCount']);
// common_locale names the language itself, so it differs by design; it is read by uiLocale().

describe('locales', () => {
  it('English and French have the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('every key the code uses exists', () => {
    expect(usedKeys.length).toBeGreaterThan(0);
    expect(usedKeys.filter((key) => !en[key])).toEqual([]);
  });

  it('every counted message the code uses has its plural forms', () => {
    expect(countedKeys.length).toBeGreaterThan(0);
    expect(
      countedKeys.flatMap((key) => ['one', 'many', 'other'].map((form) => `${key}_${form}`)).filter((key) => !en[key]),
    ).toEqual([]);
  });

  it('French follows French typography: a no-break space before : ; ? ! and the typographic apostrophe', () => {
    const wrong = Object.entries(fr)
      .filter(
        ([, { message }]) =>
          /(^|[^\u00a0\u202f])[:;?!](\s|$)/.test(message.replace(/\$\d/g, 'x')) || message.includes("'"),
      )
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(wrong).toEqual([]);
  });

  it('French never puts "de" or "que" before a substituted name, which may need elision ("d’Ana", not "de Ana")', () => {
    // A count may follow them ("de 2 membres"): numbers are not elided.
    const risky = Object.entries(fr).filter(([, { message }]) =>
      /\b(de|que) \$\d(?! (membres?|espaces?|lignes?|équipes?)\b)/.test(message),
    );
    expect(risky.map(([key]) => key)).toEqual([]);
  });

  it('every skip reason and console tab, whose keys are built at run time, exists', () => {
    const built = [
      ...Object.keys(SKIP_REASON_TEXT).map((reason) => `skip_${reason.replace(/-/g, '_')}`),
      ...['Marketo', 'Access', 'Members', 'Activity'].map((tab) => `console_tab${tab}`),
    ];
    expect(built.filter((key) => !en[key])).toEqual([]);
  });

  it('French is translated, not English left in place', () => {
    const untranslated = Object.keys(en).filter(
      (key) => fr[key]?.message === en[key]?.message && !SAME_IN_FRENCH.has(key),
    );
    expect(untranslated).toEqual([]);
  });

  it('each translation keeps the substitutions of the English text and is not left empty', () => {
    for (const key of Object.keys(en)) {
      expect(fr[key]?.message.trim(), key).not.toBe('');
      expect(placeholders(fr[key]!.message), key).toBe(placeholders(en[key]!.message));
    }
  });
});
