import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The production build (`npm run build`, .output/chrome-mv3) ships no test
 * double, fixture or sandbox code. Markers are the string literals of every
 * file under tests/ and server/testing/ that no shipped source file holds:
 * a double pulled into the bundle by an import brings its strings along
 * (minifiers keep string literals), so none of them may be in the built JS.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BUILD = join(ROOT, '.output', 'chrome-mv3');
const SHIPPED = ['lib', 'components', 'entrypoints'];
const TEST_SUPPORT = ['tests', 'server/testing'];

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(keep);
}

const isSource = (path: string) => /\.(ts|tsx)$/.test(path);
const isShippedSource = (path: string) => isSource(path) && !/\.test\.tsx?$/.test(path);

/**
 * Quoted literals without interpolation, long enough not to be a common word,
 * and not a bare identifier (a library's own 'hasOwnProperty' is no marker).
 */
function literalsOf(source: string): string[] {
  const found = source.matchAll(/'((?:[^'\\\n]|\\.){12,})'|"((?:[^"\\\n]|\\.){12,})"|`([^`$\\\n]{12,})`/g);
  return [...found].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((s) => !s.includes('\\') && /[^\w$]/.test(s));
}

const shippedText = SHIPPED.flatMap((dir) => filesUnder(join(ROOT, dir), isShippedSource))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

/** Each test-support file with the literals only it (and no shipped file) holds. */
const markersByFile = new Map(
  TEST_SUPPORT.flatMap((dir) => filesUnder(join(ROOT, dir), isSource)).map((path) => [
    relative(ROOT, path),
    [...new Set(literalsOf(readFileSync(path, 'utf8')))].filter((literal) => !shippedText.includes(literal)),
  ]),
);

const builtJs = filesUnder(BUILD, (path) => path.endsWith('.js')).map((path) => ({
  path: relative(BUILD, path),
  text: readFileSync(path, 'utf8'),
}));

describe('the production build', () => {
  it('exists, with the worker and the pages (run `npm run build` first)', () => {
    expect(builtJs.map((file) => file.path)).toContain('background.js');
    expect(builtJs.length).toBeGreaterThan(3);
    // The scan reads the real bundle: a literal of shipped code is found in it.
    expect(builtJs.some((file) => file.text.includes('.mktorest.com'))).toBe(true);
  });

  it('has a marker for every test double and fixture', () => {
    const doubles = [...markersByFile.keys()].filter((path) => /^tests\/(doubles|fixtures)\//.test(path));
    expect(doubles.length).toBeGreaterThanOrEqual(8);
    for (const path of doubles)
      expect({ path, markers: markersByFile.get(path)!.length > 0 }).toEqual({ path, markers: true });
  });

  it('holds no string of a test double, fixture, the sandbox or other test support', () => {
    const leaks = [...markersByFile].flatMap(([source, markers]) =>
      markers.flatMap((marker) =>
        builtJs.filter((file) => file.text.includes(marker)).map((file) => `${source}: "${marker}" in ${file.path}`),
      ),
    );
    expect(leaks).toEqual([]);
  });
});
