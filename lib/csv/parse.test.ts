import { describe, expect, it } from 'vitest';
import { parseCsvText } from './parse.ts';

const table = (text: string) => {
  const parsed = parseCsvText(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.value;
};

describe('parseCsvText', () => {
  it.each([
    ['commas', 'Name,Email\nAna,ana@example.com\n', ['Name', 'Email'], [[2, 'Ana', 'ana@example.com']]],
    [
      'semicolons (French Excel)',
      'Nom;Courriel\nAna;ana@example.com\n',
      ['Nom', 'Courriel'],
      [[2, 'Ana', 'ana@example.com']],
    ],
    ['tabs', 'Name\tEmail\nAna\tana@example.com', ['Name', 'Email'], [[2, 'Ana', 'ana@example.com']]],
    ['a byte-order mark', '\uFEFFName,Email\nAna,ana@example.com', ['Name', 'Email'], [[2, 'Ana', 'ana@example.com']]],
    [
      'CRLF line ends',
      'Name,Email\r\nAna,ana@example.com\r\nBo,bo@example.com\r\n',
      ['Name', 'Email'],
      [
        [2, 'Ana', 'ana@example.com'],
        [3, 'Bo', 'bo@example.com'],
      ],
    ],
    [
      'quoted fields with the delimiter inside',
      'Name,Email\n"Smith, Ana","ana@example.com"',
      ['Name', 'Email'],
      [[2, 'Smith, Ana', 'ana@example.com']],
    ],
    [
      'escaped quotes',
      'Name,Email\n"Ana ""the rep""",ana@example.com',
      ['Name', 'Email'],
      [[2, 'Ana "the rep"', 'ana@example.com']],
    ],
    [
      'blank lines, still counted in row numbers',
      'Name,Email\n\nAna,ana@example.com\n   \n,\nBo,bo@example.com\n\n',
      ['Name', 'Email'],
      [
        [3, 'Ana', 'ana@example.com'],
        [6, 'Bo', 'bo@example.com'],
      ],
    ],
    [
      'blank lines before the header',
      '\n\nName;Email\nAna;ana@example.com',
      ['Name', 'Email'],
      [[4, 'Ana', 'ana@example.com']],
    ],
    [
      'a quoted line break (one spreadsheet row)',
      'Name,Email\n"Ana\nRep",ana@example.com\nBo,bo@example.com',
      ['Name', 'Email'],
      [
        [2, 'Ana\nRep', 'ana@example.com'],
        [3, 'Bo', 'bo@example.com'],
      ],
    ],
    [
      'a header with spaces and a blank column',
      ' Full name , E-mail ,\nAna,ana@example.com,x',
      ['Full name', 'E-mail', ''],
      [[2, 'Ana', 'ana@example.com', 'x']],
    ],
    ['one column', 'Email\nana@example.com\n', ['Email'], [[2, 'ana@example.com']]],
    [
      'ragged rows',
      'Name,Email,Role\nAna,ana@example.com\nBo,bo@example.com,admin,extra',
      ['Name', 'Email', 'Role'],
      [
        [2, 'Ana', 'ana@example.com'],
        [3, 'Bo', 'bo@example.com', 'admin', 'extra'],
      ],
    ],
  ])('reads %s', (_case, text, headers, rows) => {
    const parsed = table(text);
    expect(parsed.headers).toEqual(headers);
    expect(parsed.rows.map((r) => [r.row, ...r.cells])).toEqual(rows);
  });

  it.each([
    ['an empty text', '', 'csv-empty', []],
    ['only blank lines', '\n \r\n\n', 'csv-empty', []],
    ['a byte-order mark alone', '\uFEFF', 'csv-empty', []],
    ['a header and no rows', 'Name,Email\n\n', 'csv-no-rows', []],
    ['an unclosed quote', 'Name,Email\n"Ana,ana@example.com\nBo,bo@example.com', 'csv-bad-quotes', [2]],
    ['a misplaced quote', 'Name,Email\nAna,ana@example.com\n"Bo"x,bo@example.com', 'csv-bad-quotes', [3]],
    ['no header row', 'Ana,ana@example.com\nBo,bo@example.com', 'csv-header-is-data', []],
    [
      '1,001 rows',
      `Name,Email\n${Array.from({ length: 1001 }, (_, i) => `P${i},p${i}@example.com`).join('\n')}`,
      'csv-too-many-rows',
      [1001, 1000],
    ],
  ])('refuses %s', (_case, text, code, values) => {
    const parsed = parseCsvText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect([parsed.problem.code, parsed.problem.values]).toEqual([code, values]);
  });

  it('takes exactly 1,000 rows', () => {
    const text = `Name,Email\n${Array.from({ length: 1000 }, (_, i) => `P${i},p${i}@example.com`).join('\n')}\n`;
    expect(table(text).rows).toHaveLength(1000);
  });
});
