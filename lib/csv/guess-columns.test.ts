import { describe, expect, it } from 'vitest';
import { guessMapping } from './guess-columns.ts';

describe('guessMapping', () => {
  it.each([
    ['our own words', ['Name', 'Email', 'Role', 'Teams'], { name: 0, email: 1, role: 2, teams: 3 }],
    ['any order and case', ['TEAMS', 'email', 'ROLE', 'name'], { name: 3, email: 1, role: 2, teams: 0 }],
    ['Full name and E-mail', ['Full name', 'E-mail'], { name: 0, email: 1, role: undefined, teams: undefined }],
    ['French with accents', ['Nom', 'Courriel', 'Rôle', 'Équipes'], { name: 0, email: 1, role: 2, teams: 3 }],
    ['French, spelled out', ['Nom complet', 'Adresse e-mail', 'Équipe'], { name: 0, email: 1, role: undefined, teams: 2 }],
    ['longer headers', ['Member name (as shown)', 'Work email address', 'SIA role'], { name: 0, email: 1, role: 2, teams: undefined }],
    ['a team name column is a team, not a name', ['Team name', 'Email', 'Full name'], { name: 2, email: 1, role: undefined, teams: 0 }],
    ['an exact header beats one inside a longer header', ['Name of manager', 'Name', 'Email'], { name: 1, email: 2, role: undefined, teams: undefined }],
    ['unrelated columns stay unmapped', ['ID', 'Phone', 'Email'], { name: undefined, email: 2, role: undefined, teams: undefined }],
    ['one column feeds one field', ['Email', 'E-mail'], { name: undefined, email: 0, role: undefined, teams: undefined }],
    ['blank headers', ['', '  ', 'Email'], { name: undefined, email: 2, role: undefined, teams: undefined }],
    ['no headers', [], { name: undefined, email: undefined, role: undefined, teams: undefined }],
  ])('%s', (_case, headers, expected) => {
    expect(guessMapping(headers)).toEqual(expected);
  });
});
