import { describe, expect, it } from 'vitest';
import { aGrant, aMember } from '../../tests/fixtures/domain.ts';
import type { Grant } from '../domain/grant.ts';
import { EMPTY_QUERY, queryMembers, rangeBetween, type MemberQuery } from './member-query.ts';

const members = [
  aMember({ id: 'z', name: 'Zoé Zhang', email: 'zoe@example.com', teams: ['Everyone', 'EMEA'] }),
  aMember({ id: 'a', name: 'anna Ortiz', email: 'anna@example.com' }),
  aMember({ id: 'e', name: 'Émile Blanc', email: 'emile@acme.example', teams: ['EMEA'] }),
  aMember({ id: 'b', name: 'Bo Berg', email: 'bo@example.com' }),
];
const grants = new Map<string, Grant>([
  ['b', aGrant('b')],
  ['z', aGrant('z')],
]);
const ids = (q: Partial<MemberQuery>) => queryMembers(members, grants, { ...EMPTY_QUERY, ...q }).map((m) => m.id);

describe('queryMembers', () => {
  it.each<[string, Partial<MemberQuery>, string[]]>([
    ['everyone, by name, accents and case ignored', {}, ['a', 'b', 'e', 'z']],
    ['search in names', { search: 'ZHA' }, ['z']],
    ['search in emails', { search: 'acme' }, ['e']],
    ['granted only', { access: 'granted' }, ['b', 'z']],
    ['without access only', { access: 'not-granted' }, ['a', 'e']],
    ['one team', { team: 'EMEA' }, ['e', 'z']],
    ['filters combine', { team: 'EMEA', access: 'granted' }, ['z']],
    ['by email', { sort: 'email' }, ['a', 'b', 'e', 'z']],
    ['by access: without access first', { sort: 'access' }, ['a', 'e', 'b', 'z']],
    ['nothing matches', { search: 'nobody' }, []],
  ])('%s', (_name, query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('rangeBetween', () => {
  const shown = queryMembers(members, grants, EMPTY_QUERY);
  it.each([
    ['downwards', 'a', 'e', ['a', 'b', 'e']],
    ['upwards', 'z', 'b', ['b', 'e', 'z']],
    ['the same row', 'b', 'b', ['b']],
    ['an anchor no longer shown', 'gone', 'e', ['e']],
  ])('%s', (_name, from, to, expected) => {
    expect(rangeBetween(shown, from, to)).toEqual(expected);
  });
});
