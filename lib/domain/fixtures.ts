import type { Grant } from './grant.ts';
import type { Member } from './member.ts';
import type { OrgConnection } from './org-connection.ts';
import { readyAtFor } from './waiting-period.ts';

// Test builders shared by the domain, store and worker tests.

export const T0 = 1_800_000_000_000;

export function aMember(overrides: Partial<Member> & { id: string }): Member {
  return {
    name: `Member ${overrides.id}`,
    email: `${overrides.id}@example.com`,
    role: 'user',
    teams: ['Everyone'],
    status: 'invited',
    invitedAt: T0 - 86_400_000,
    ...overrides,
  };
}

export function anOrg(overrides: Partial<OrgConnection> = {}): OrgConnection {
  const connectedAt = overrides.connectedAt ?? T0;
  return {
    munchkinId: '123-ABC-456',
    clientId: 'client-id',
    restBaseUrl: 'https://123-ABC-456.mktorest.com/rest',
    identityBaseUrl: 'https://123-ABC-456.mktorest.com/identity',
    connectedAt,
    readyAt: readyAtFor(connectedAt),
    ownerId: 'owner',
    workspacesEnabled: true,
    workspaces: [
      { id: 1, name: 'Default' },
      { id: 2, name: 'EMEA' },
      { id: 3, name: 'North America' },
    ],
    ...overrides,
  };
}

export function aGrant(memberId: string, workspaceIds: number[] = []): Grant {
  return { memberId, workspaceIds, grantedAt: T0 + 700_000, grantedBy: 'owner' };
}
