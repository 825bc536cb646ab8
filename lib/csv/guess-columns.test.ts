import { describe, expect, it } from 'vitest';
import { guessMapping } from './guess-columns.ts';
import type { ColumnMapping } from './mapping.ts';

type Expected = Partial<Omit<ColumnMapping, 'names'>>;
const full = (fields: Expected) => ({
  names: 'full',
  fullName: undefined,
  firstName: undefined,
  lastName: undefined,
  email: undefined,
  role: undefined,
  teams: undefined,
  ...fields,
});
const split = (fields: Expected) => ({ ...full(fields), names: 'split' });

describe('guessMapping', () => {
  it.each([
    ['our own words', ['Name', 'Email', 'Role', 'Teams'], full({ fullName: 0, email: 1, role: 2, teams: 3 })],
    ['any order and case', ['TEAMS', 'email', 'ROLE', 'name'], full({ fullName: 3, email: 1, role: 2, teams: 0 })],
    ['Full name and E-mail', ['Full name', 'E-mail'], full({ fullName: 0, email: 1 })],
    [
      'a French export: Prénom and Nom are first and last name',
      ['Prénom', 'Nom', 'Adresse e-mail', 'Rôle', 'Équipe'],
      split({ firstName: 0, lastName: 1, email: 2, role: 3, teams: 4 }),
    ],
    [
      'a lone Nom is the full name',
      ['Nom', 'Courriel', 'Rôle', 'Équipes'],
      full({ fullName: 0, email: 1, role: 2, teams: 3 }),
    ],
    [
      'an English export: First Name and Last Name',
      ['First Name', 'Last Name', 'Email', 'Team'],
      split({ firstName: 0, lastName: 1, email: 2, teams: 3 }),
    ],
    [
      'Given name and Surname, any case and accents',
      ['SURNAME', 'given name', 'e-mail'],
      split({ firstName: 1, lastName: 0, email: 2 }),
    ],
    [
      'PRÉNOM, NOM DE FAMILLE, COURRIEL',
      ['PRÉNOM', 'NOM DE FAMILLE', 'COURRIEL'],
      split({ firstName: 0, lastName: 1, email: 2 }),
    ],
    [
      'a first name beside a Name column: Name is the last name',
      ['Prénom', 'Name', 'Email'],
      split({ firstName: 0, lastName: 1, email: 2 }),
    ],
    ['French, spelled out', ['Nom complet', 'Adresse e-mail', 'Équipe'], full({ fullName: 0, email: 1, teams: 2 })],
    [
      'Role and Teams in English and French words',
      ['Role', 'Équipes', 'Rôle', 'Teams', 'Name', 'Email'],
      full({ fullName: 4, email: 5, role: 0, teams: 1 }),
    ],
    [
      'longer headers',
      ['Member name (as shown)', 'Work email address', 'SIA role'],
      full({ fullName: 0, email: 1, role: 2 }),
    ],
    [
      'a team name column is a team, not a name',
      ['Team name', 'Email', 'Full name'],
      full({ fullName: 2, email: 1, teams: 0 }),
    ],
    [
      'an exact header beats one inside a longer header',
      ['Name of manager', 'Name', 'Email'],
      full({ fullName: 1, email: 2 }),
    ],
    ['unrelated columns stay unmapped', ['ID', 'Phone', 'Email'], full({ email: 2 })],
    ['one column feeds one field', ['Email', 'E-mail'], full({ email: 0 })],
    ['blank headers', ['', '  ', 'Email'], full({ email: 2 })],
    ['no headers', [], full({})],
  ])('%s', (_case, headers, expected) => {
    expect(guessMapping(headers)).toEqual(expected);
  });
});
