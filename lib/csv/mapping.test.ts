import { describe, expect, it } from 'vitest';
import { checkMapping, joinName, mapRows, NO_MAPPING, roleFromCell, type ColumnMapping } from './mapping.ts';

describe('checkMapping', () => {
  it.each<[string, Partial<ColumnMapping>, ReturnType<typeof checkMapping>]>([
    ['full name and email', { fullName: 0, email: 1 }, []],
    ['every field', { fullName: 0, email: 1, role: 2, teams: 3 }, []],
    ['first and last name', { names: 'split', firstName: 0, lastName: 1, email: 2 }, []],
    [
      'split names ignore the full-name column',
      { names: 'split', fullName: 0, firstName: 0, lastName: 1, email: 2 },
      [],
    ],
    ['no name', { email: 1 }, [{ code: 'field-unmapped', field: 'fullName' }]],
    [
      'a first name but no last name column',
      { names: 'split', firstName: 0, email: 1 },
      [{ code: 'field-unmapped', field: 'lastName' }],
    ],
    [
      'nothing',
      {},
      [
        { code: 'field-unmapped', field: 'fullName' },
        { code: 'field-unmapped', field: 'email' },
      ],
    ],
    [
      'one column for two fields',
      { fullName: 0, email: 0, teams: 0 },
      [
        { code: 'column-twice', field: 'email', column: 0 },
        { code: 'column-twice', field: 'teams', column: 0 },
      ],
    ],
  ])('%s', (_case, mapping, problems) => {
    expect(checkMapping({ ...NO_MAPPING, ...mapping })).toEqual(problems);
  });
});

describe('roleFromCell', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['admin', 'admin'],
    ['Admin', 'admin'],
    ['Administrator', 'admin'],
    ['Administrateur', 'admin'],
    ['user', 'user'],
    ['Utilisateur', 'user'],
    ['Sales rep', 'user'],
    ['Sales-Rep', 'user'],
    ['Commerciale', 'user'],
    [' Owner ', 'Owner'],
  ])('%j', (cell, role) => {
    expect(roleFromCell(cell)).toBe(role);
  });
});

describe('mapRows', () => {
  const rows = [
    { row: 2, cells: ['x', 'Ana', 'ana@example.com', 'Administrateur', 'EMEA; Sales'] },
    { row: 4, cells: ['y', 'Bo', 'bo@example.com', '', ''] },
    { row: 5, cells: ['z', 'Cy'] },
  ];

  it('reads the mapped columns, leaving role and teams out when empty, and keeps the file’s own words', () => {
    expect(mapRows(rows, { ...NO_MAPPING, fullName: 1, email: 2, role: 3, teams: 4 })).toEqual([
      {
        row: 2,
        input: { name: 'Ana', email: 'ana@example.com', role: 'admin', teams: 'EMEA; Sales' },
        cells: { name: 'Ana', email: 'ana@example.com', role: 'Administrateur', teams: 'EMEA; Sales' },
      },
      {
        row: 4,
        input: { name: 'Bo', email: 'bo@example.com' },
        cells: { name: 'Bo', email: 'bo@example.com', role: '', teams: '' },
      },
      { row: 5, input: { name: 'Cy', email: '' }, cells: { name: 'Cy', email: '', role: '', teams: '' } },
    ]);
  });

  it('ignores fields that have no column', () => {
    expect(mapRows(rows.slice(0, 1), { ...NO_MAPPING, fullName: 1, email: 2 }).map((r) => r.input)).toEqual([
      { name: 'Ana', email: 'ana@example.com' },
    ]);
  });

  it('joins first and last name; a row with a first name only keeps it', () => {
    const french = [
      { row: 2, cells: ['Zoé', 'Martin', 'zoe@example.com'] },
      { row: 3, cells: ['Ana', '', 'ana@example.com'] },
      { row: 4, cells: ['', 'Berg', 'berg@example.com'] },
    ];
    const mapping: ColumnMapping = { ...NO_MAPPING, names: 'split', firstName: 0, lastName: 1, email: 2 };
    expect(mapRows(french, mapping, 'fr').map((r) => r.input.name)).toEqual(['Zoé Martin', 'Ana', 'Berg']);
  });
});

describe('joinName', () => {
  it.each([
    ['en', 'Zoé', 'Martin', 'Zoé Martin'],
    ['fr-FR', ' Zoé ', ' Martin ', 'Zoé Martin'],
    ['ja', '花子', '山田', '山田 花子'],
    ['hu', 'Anna', 'Kovács', 'Kovács Anna'],
    ['en', 'Ana', '', 'Ana'],
    ['en', '', '', ''],
  ])('%s: %j + %j', (locale, first, last, name) => {
    expect(joinName(first, last, locale)).toBe(name);
  });
});
