/**
 * Saves text as a file: a Blob, an object URL, and a temporary <a download>
 * clicked once. Works in extension pages without the downloads permission.
 * A UTF-8 byte-order mark goes first so Excel reads accents right.
 */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
  { byteOrderMark = true } = {},
): void {
  // JSON goes without it: a byte-order mark is not JSON, and a reader may refuse the file.
  const url = URL.createObjectURL(new Blob(byteOrderMark ? ['\uFEFF', text] : [text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the browser no longer needs the URL once it has.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
