import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageJs } from '../bench/sizes.ts';

/**
 * The popup opens on every toolbar click: what it loads before its first
 * render (its HTML's scripts and every static import they make, gzipped) is
 * budgeted at 20 KB. A size, not a time: the same build gives the same figure
 * on any machine, so it is checked here and not only in `npm run bench`.
 * What loads when shown (sign-in, first run, a tab, the trial store's reader)
 * is not counted.
 */
const BUILD = join(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');
const BUDGET_BYTES = 20 * 1024;

describe('the production build', () => {
  it('loads at most 20 KB of gzipped JavaScript when the popup opens', () => {
    const popup = pageJs(BUILD, 'popup.html');
    expect(popup.files.length).toBeGreaterThan(0);
    expect(popup.gzipBytes, `popup start: ${popup.files.join(', ')}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
