// Rule numbers are docs/RULES.md's.
import { describe, expect, it } from 'vitest';
import { parseTeams } from './member.ts';

describe('parseTeams', () => {
  it.each([
    [undefined, ['Everyone']],
    [[], ['Everyone']],
    ['Sales; EMEA, sales', ['Sales', 'EMEA']],
    [[' Sales ', 'SALES', ''], ['Sales']],
  ])('%j gives %j', (raw, teams) => {
    expect(parseTeams(raw)).toEqual({ ok: true, value: teams });
  });

  it('refuses something that is not a list of names', () => {
    expect(parseTeams([1, 2]).ok).toBe(false);
  });
});
