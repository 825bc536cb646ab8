import { describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg } from './fixtures.ts';
import type { OrgConnectionState } from './org-connection.ts';
import { checkCanConnectOrg, checkCanDisconnectOrg, requireAdmin } from './permissions.ts';

const owner = aMember({ id: 'owner', role: 'admin' });
const otherAdmin = aMember({ id: 'admin2', role: 'admin' });
const rep = aMember({ id: 'rep', role: 'user' });
const connected: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };

const code = (r: { ok: boolean; problem?: { code: string } }) => (r.ok ? 'ok' : r.problem?.code);

describe('who may do what', () => {
  it.each([
    ['an admin', owner, 'ok'],
    ['a sales rep', rep, 'not-admin'],
    ['nobody signed in', undefined, 'not-signed-in'],
  ])('team pages: %s → %s', (_n, actor, expected) => {
    expect(code(requireAdmin(actor))).toBe(expected);
  });

  it.each([
    ['an admin without access', otherAdmin, undefined, 'ok'],
    ['an admin who was granted access (rule 8: owner removes it first)', otherAdmin, aGrant('admin2'), 'connect-has-grant'],
    ['a sales rep', rep, undefined, 'not-admin'],
  ])('connect the org: %s → %s', (_n, actor, grant, expected) => {
    expect(code(checkCanConnectOrg(actor, grant))).toBe(expected);
  });

  it.each<[string, typeof owner, OrgConnectionState, string]>([
    ['the owner', owner, connected, 'ok'],
    ['another admin', otherAdmin, connected, 'not-owner'],
    ['a rep', rep, connected, 'not-admin'],
    ['the owner, when not connected', owner, { status: 'not-connected' }, 'org-not-connected'],
  ])('disconnect the org: %s → %s', (_n, actor, org, expected) => {
    expect(code(checkCanDisconnectOrg(actor, org))).toBe(expected);
  });
});
