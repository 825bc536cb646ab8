/**
 * What a page costs to download and parse: the JavaScript each HTML page of
 * the build loads at start (its module script, the modulepreloads, and every
 * static import they make), gzipped; and the size of the store zip.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageJs {
  page: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** Chunks only imported with import(): loaded later, not counted above. */
  lazyFiles: string[];
}

// The bundler may quote a path with ', " or ` (a template literal): all three are read.
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]+from\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

/** A path inside the build, from a reference made by `fromFile` (absolute "/x.js" or relative "./x.js"). */
function resolveRef(ref: string, fromFile: string): string {
  if (ref.startsWith('/')) return ref.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromFile), ref));
}

export function pageJs(buildDir: string, htmlFile: string): PageJs {
  const html = readFileSync(join(buildDir, htmlFile), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => resolveRef(m[1]!, htmlFile));
  const seen = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(buildDir, file), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(resolveRef(m[1]!, file));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolveRef(m[1]!, file));
  }
  const files = [...seen].sort();
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(join(buildDir, file));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { page: htmlFile, files, rawBytes, gzipBytes, lazyFiles: [...lazy].filter((f) => !seen.has(f)).sort() };
}

/** The newest Chrome zip `wxt zip` wrote next to the build. */
export function chromeZip(buildDir: string): { file: string; bytes: number } | undefined {
  const outDir = dirname(buildDir);
  if (!existsSync(outDir)) return undefined;
  const zips = readdirSync(outDir)
    .filter((f) => f.endsWith('-chrome.zip'))
    .map((f) => ({
      file: join(outDir, f),
      mtime: statSync(join(outDir, f)).mtimeMs,
      bytes: statSync(join(outDir, f)).size,
    }))
    .sort((a, b) => b.mtime - a.mtime);
  return zips[0] && { file: zips[0].file, bytes: zips[0].bytes };
}
