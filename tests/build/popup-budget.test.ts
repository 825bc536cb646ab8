import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageJs } from '../bench/sizes.ts';

/**
 * The popup opens on every toolbar click: what it loads before its first
 * render (its HTML's scripts and every static import they make, gzipped) is
 * budgeted at 20 KB. A size, not a time: the same build gives the same figure
 * on any machine, so it is checked here and not only in `npm run bench`.
 * What loads when shown (sign-in, first run, a tab) is not counted; the
 * trial store's reader is, since the first rows come from it.
 *
 * Its first paint is also timed against a static page (`npm run bench`):
 * an extension page reads each file from disk one import level after
 * another, so the HTML names every file the start imports, and the reader
 * of the first rows is not a lazy import.
 */
const BUILD = join(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');
const BUDGET_BYTES = 20 * 1024;

describe('the production build', () => {
  it('loads at most 20 KB of gzipped JavaScript when the popup opens', () => {
    const popup = pageJs(BUILD, 'popup.html');
    expect(popup.files.length).toBeGreaterThan(0);
    expect(popup.gzipBytes, `popup start: ${popup.files.join(', ')}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it.each(['popup.html', 'options.html'])('%s names every file of its start in its HTML', (page) => {
    const html = readFileSync(join(BUILD, page), 'utf8');
    const named = [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(named.sort()).toEqual(pageJs(BUILD, page).files);
  });

  it("holds the trial store's first-screen reader in the popup's start, not behind a lazy import", () => {
    const popup = pageJs(BUILD, 'popup.html');
    // The first screen is read through the members' by-name index: only that reader names it.
    const reader = (file: string) => readFileSync(join(BUILD, file), 'utf8').includes('by-name');
    expect(popup.files.some(reader)).toBe(true);
    expect(popup.lazyFiles.filter(reader)).toEqual([]);
  });
});
