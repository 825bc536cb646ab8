import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, MAX_TEAMS } from '../domain/member.ts';
import { parseInput } from './dispatch.ts';
import { MAX_SELECTION } from '../domain/member.ts';
import { boundedArray } from './schemas.ts';

describe('input schemas', () => {
  it('check a list’s length before any of its items: a million ids is refused without looking at one', () => {
    let checked = 0;
    const counted = v.pipe(
      v.string(),
      v.check(() => (checked++, true)),
    );
    const million = Array.from({ length: 1_000_000 }, (_, i) => `m${i}`);
    expect(v.safeParse(boundedArray(counted, 1, MAX_SELECTION), million).success).toBe(false);
    expect(checked).toBe(0);
    const refused = parseInput('grantAccess', { memberIds: million, workspaceIds: [] });
    expect(!refused.ok && refused.problem.code).toBe('bad-input');
    expect(!refused.ok && refused.problem.field).toBe('memberIds');
  });

  it('take their limits from the domain: at most 20 teams on a member, names bounded near 100 characters', () => {
    const teams = Array.from({ length: MAX_TEAMS + 1 }, (_, i) => `T${i}`);
    expect(parseInput('inviteMember', { name: 'Ana', email: 'ana@example.com', teams }).ok).toBe(false);
    expect(parseInput('inviteMember', { name: 'Ana', email: 'ana@example.com', teams: teams.slice(1) }).ok).toBe(true);
    expect(parseInput('inviteMember', { name: 'A'.repeat(MAX_NAME_LENGTH * 2), email: 'ana@example.com' }).ok).toBe(
      false,
    );
  });
});
