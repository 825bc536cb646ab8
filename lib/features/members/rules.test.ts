import { describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../../tests/fixtures/domain.ts';
import { MAX_TEAMS } from '../../domain/member.ts';
import type { OrgConnectionState } from '../../domain/org-connection.ts';
import { decideMemberRemoval, decideMemberUpdate } from './rules.ts';

const owner = aMember({ id: 'owner', role: 'admin' });
const admin = aMember({ id: 'admin2', role: 'admin' });
const ana = aMember({ id: 'ana' });
const org: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };
const members = [owner, admin, ana];
const code = (r: { ok: boolean; problem?: { code: string } }) => (r.ok ? 'ok' : r.problem?.code);

describe('changing a member', () => {
  it.each<[string, typeof owner, typeof owner | undefined, { role?: unknown; teams?: unknown }, string]>([
    ['an admin makes a rep an admin', admin, ana, { role: 'admin' }, 'ok'],
    ['an admin demotes themselves', admin, admin, { role: 'user' }, 'demote-self'],
    ['an admin demotes the owner', admin, owner, { role: 'user' }, 'demote-owner'],
    ['the owner changes their own teams', owner, owner, { teams: ['EMEA'] }, 'ok'],
    ['a member who left', admin, undefined, { teams: ['EMEA'] }, 'member-unknown'],
    ['an unknown role', admin, ana, { role: 'boss' }, 'role-unknown'],
    [
      'one members too many for the org',
      admin,
      ana,
      { teams: Array.from({ length: MAX_TEAMS }, (_, i) => `T${i}`) },
      'teams-full',
    ],
  ])('%s → %s', (_case, actor, member, changes, expected) => {
    expect(code(decideMemberUpdate(actor, member, changes, org, members))).toBe(expected);
  });
});

describe('removing a member', () => {
  it.each<[string, typeof owner, typeof owner | undefined, string]>([
    ['an admin removes a rep', admin, ana, 'ok'],
    ['an admin removes themselves', admin, admin, 'remove-self'],
    ['an admin removes the owner', admin, owner, 'remove-owner'],
    ['a member who already left', admin, undefined, 'member-unknown'],
  ])('%s → %s', (_case, actor, member, expected) => {
    expect(code(decideMemberRemoval(actor, member, org))).toBe(expected);
  });
});
