import { describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import type { OrgConnectionState } from '../domain/org-connection.ts';
import { authorize } from './authorize.ts';
import type { Permission } from './command.ts';

const owner = aMember({ id: 'owner', role: 'admin' });
const admin = aMember({ id: 'admin2', role: 'admin' });
const rep = aMember({ id: 'rep' });
const connected: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };

describe('authorize: the permission a command declares', () => {
  it.each<[Permission, string, typeof owner | undefined, string]>([
    ['anyone', 'signed out', undefined, 'ok'],
    ['member', 'signed out', undefined, 'not-signed-in'],
    ['member', 'a rep', rep, 'ok'],
    ['admin', 'a rep', rep, 'not-admin'],
    ['admin', 'an admin', admin, 'ok'],
    ['owner', 'an admin who is not the owner', admin, 'not-owner'],
    ['owner', 'the owner', owner, 'ok'],
    ['owner', 'a rep', rep, 'not-admin'],
  ])('%s, run by %s', (who, _caller, actor, expected) => {
    const result = authorize(who, actor, connected);
    expect(result.ok ? 'ok' : result.problem.code).toBe(expected);
    // Each refusal says who may: the message a person reads.
    if (!result.ok)
      expect(result.problem.message).toMatch(/^(Sign in first\.|Only an SIA admin|Only the admin who connected)/);
  });

  it('nobody is the owner of an org that is not connected', () => {
    const result = authorize('owner', owner, { status: 'not-connected' });
    expect(result.ok ? 'ok' : result.problem.code).toBe('not-owner');
  });
});
