/**
 * The floor: a static page with the same rows the popup shows (same markup,
 * the popup's own stylesheets inlined), no script. Whatever a page does
 * beyond this is the cost of being an app.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function writeFloorPage(buildDir: string, dir: string, rows: number): string {
  const popupHtml = readFileSync(join(buildDir, 'popup.html'), 'utf8');
  const css = [...popupHtml.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)]
    .map((m) => readFileSync(join(buildDir, m[1]!.replace(/^\//, '')), 'utf8'))
    .join('\n');
  const body = Array.from({ length: rows }, (_v, i) => {
    const name = i === 0 ? 'Olivia Owner' : `Member ${String(i).padStart(5, '0')} Lastname`;
    return `<tr data-testid="member-row" style="height:36px"><td class="select"><input type="checkbox" aria-label="Select ${escape(name)}"></td><td class="name">${escape(name)}</td><td data-testid="member-access">Not connected</td></tr>`;
  }).join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>Marketo Access (floor)</title><style>${css}</style></head>
<body><div id="app"><main><h1>Marketo Access</h1><div class="user-access"><h2>User Access</h2>
<div class="table-scroll"><table><thead><tr><th class="select"><input type="checkbox" aria-label="Select all"></th><th>Name</th><th>Marketo access</th></tr></thead>
<tbody>
${body}
</tbody></table></div></div></main></div></body></html>`;
  const file = join(dir, 'bench-floor.html');
  writeFileSync(file, html);
  return file;
}
