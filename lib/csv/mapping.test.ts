import { describe, expect, it } from 'vitest';
import { checkMapping, mapRows, NO_MAPPING, roleFromCell, type ColumnMapping } from './mapping.ts';

describe('checkMapping', () => {
  it.each<[string, Partial<ColumnMapping>, ReturnType<typeof checkMapping>]>([
    ['name and email', { name: 0, email: 1 }, []],
    ['every field', { name: 0, email: 1, role: 2, teams: 3 }, []],
    ['no name', { email: 1 }, [{ code: 'field-unmapped', field: 'name' }]],
    ['nothing', {}, [{ code: 'field-unmapped', field: 'name' }, { code: 'field-unmapped', field: 'email' }]],
    ['one column for two fields', { name: 0, email: 0, teams: 0 }, [{ code: 'column-twice', field: 'email', column: 0 }, { code: 'column-twice', field: 'teams', column: 0 }]],
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

  it('reads the mapped columns, leaving role and teams out when empty', () => {
    expect(mapRows(rows, { name: 1, email: 2, role: 3, teams: 4 })).toEqual([
      { row: 2, input: { name: 'Ana', email: 'ana@example.com', role: 'admin', teams: 'EMEA; Sales' } },
      { row: 4, input: { name: 'Bo', email: 'bo@example.com' } },
      { row: 5, input: { name: 'Cy', email: '' } },
    ]);
  });

  it('ignores fields that have no column', () => {
    expect(mapRows(rows.slice(0, 1), { ...NO_MAPPING, name: 1, email: 2 })).toEqual([{ row: 2, input: { name: 'Ana', email: 'ana@example.com' } }]);
  });
});
