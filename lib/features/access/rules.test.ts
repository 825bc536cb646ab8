import { describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../../tests/fixtures/domain.ts';
import type { OrgConnectionState } from '../../domain/org-connection.ts';
import { decideAccessRemoval, handoverAfterRemoval } from './rules.ts';

const owner = aMember({ id: 'owner', role: 'admin' });
const admin = aMember({ id: 'admin2', role: 'admin' });
const ana = aMember({ id: 'ana' });
const members = [owner, admin, ana];
const org: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };

describe('removing access', () => {
  it('nobody removes their own access, alone or in a selection', () => {
    expect(decideAccessRemoval(admin, ['ana']).ok).toBe(true);
    const refused = decideAccessRemoval(admin, ['ana', 'admin2']);
    expect(!refused.ok && refused.problem.code).toBe('remove-own-access');
  });

  it('the owner removing an admin’s access opens the handover to that admin, and only to them', () => {
    expect(handoverAfterRemoval(owner, ['admin2', 'ana'], members, org)?.handoverTo).toEqual(['admin2']);
  });

  it('another admin removing it, or removing a rep’s, opens nothing', () => {
    expect(handoverAfterRemoval(admin, ['ana'], members, org)).toBeUndefined();
    expect(handoverAfterRemoval(owner, ['ana'], members, org)).toBeUndefined();
    expect(handoverAfterRemoval(owner, ['admin2'], members, { status: 'not-connected' })).toBeUndefined();
  });
});
