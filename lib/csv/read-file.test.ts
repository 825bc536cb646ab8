import { describe, expect, it } from 'vitest';
import { checkCsvFile, decodeCsvBytes, readCsvFile } from './read-file.ts';

describe('checkCsvFile', () => {
  it.each([
    ['a .csv', { name: 'team.csv', type: 'text/csv', size: 100 }, 'ok'],
    ['a .CSV from Windows Excel', { name: 'TEAM.CSV', type: 'application/vnd.ms-excel', size: 100 }, 'ok'],
    ['a .csv with no type', { name: 'team.csv', type: '', size: 100 }, 'ok'],
    ['text/csv with another name', { name: 'export', type: 'text/csv', size: 100 }, 'ok'],
    ['exactly 1 MB', { name: 'team.csv', type: 'text/csv', size: 1024 * 1024 }, 'ok'],
    ['an empty file', { name: 'team.csv', type: 'text/csv', size: 0 }, 'csv-empty'],
    ['over 1 MB', { name: 'team.csv', type: 'text/csv', size: 1024 * 1024 + 1 }, 'csv-too-big'],
    [
      'a workbook',
      { name: 'team.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 100 },
      'csv-spreadsheet',
    ],
    ['an image', { name: 'photo.png', type: 'image/png', size: 100 }, 'csv-not-csv'],
    ['a text file', { name: 'notes.txt', type: 'text/plain', size: 100 }, 'csv-not-csv'],
  ])('%s', (_case, file, expected) => {
    const checked = checkCsvFile(file);
    expect(checked.ok ? 'ok' : checked.problem.code).toBe(expected);
  });
});

describe('decodeCsvBytes', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  it.each([
    ['UTF-8', utf8('Nom;Équipe\nZoé;Ventes'), 'Nom;Équipe\nZoé;Ventes'],
    // TextDecoder drops the mark itself; parseCsvText strips it again for text from elsewhere.
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Nom')]), 'Nom'],
    [
      'Windows-1252 (older Excel)',
      new Uint8Array([0x4e, 0x6f, 0x6d, 0x3b, 0xc9, 0x71, 0x75, 0x69, 0x70, 0x65]),
      'Nom;Équipe',
    ],
  ])('reads %s', (_case, bytes, text) => {
    expect(decodeCsvBytes(bytes)).toEqual({ ok: true, value: text });
  });

  it.each([
    ['a zip (xlsx renamed .csv)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'csv-spreadsheet'],
    ['binary with NUL bytes', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), 'csv-not-csv'],
  ])('refuses %s', (_case, bytes, code) => {
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.ok ? 'ok' : decoded.problem.code).toBe(code);
  });
});

describe('readCsvFile', () => {
  it('checks, decodes and parses a File', async () => {
    const file = new File(['\uFEFFNom;Courriel\nZoé;zoe@example.com\n'], 'équipe.csv', { type: 'text/csv' });
    const read = await readCsvFile(file);
    expect(read).toEqual({
      ok: true,
      value: { headers: ['Nom', 'Courriel'], rows: [{ row: 2, cells: ['Zoé', 'zoe@example.com'] }] },
    });
  });

  it('refuses before reading when the name is wrong', async () => {
    const file = new File(['Name,Email\nAna,ana@example.com'], 'team.json', { type: 'application/json' });
    const read = await readCsvFile(file);
    expect(read.ok ? 'ok' : read.problem.code).toBe('csv-not-csv');
  });
});
