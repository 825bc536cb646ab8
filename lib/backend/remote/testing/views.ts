import type { Member } from '../../../domain/member.ts';
import type { OrgView } from '../../port.ts';

/** A connected org as its owner admin sees it, as the team server would answer getState. */
export const OWNER: Member = {
  id: 'owner',
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  role: 'admin',
  teams: ['Everyone'],
  status: 'active',
  invitedAt: 1_800_000_000_000,
};
export const REP: Member = {
  id: 'rep',
  name: 'Ana Rep',
  email: 'ana@example.com',
  role: 'user',
  teams: ['Everyone'],
  status: 'invited',
  invitedAt: 1_800_000_100_000,
  invitedBy: 'owner',
};

export const ADMIN_VIEW: OrgView = {
  me: OWNER,
  org: {
    status: 'connected',
    connection: {
      munchkinId: '123-ABC-456',
      clientId: 'client-id',
      restBaseUrl: 'https://123-abc-456.mktorest.com/rest',
      identityBaseUrl: 'https://123-abc-456.mktorest.com/identity',
      connectedAt: 1_800_000_200_000,
      readyAt: 1_800_000_800_000,
      ownerId: 'owner',
      workspacesEnabled: true,
      workspaces: [{ id: 1, name: 'Default' }],
    },
  },
  members: [OWNER, REP],
  grants: [{ memberId: 'rep', workspaceIds: [1], grantedAt: 1_800_001_000_000, grantedBy: 'owner' }],
  activity: [{ at: 1_800_000_200_000, actorId: 'owner', kind: 'org-connected' }],
  admins: [{ name: OWNER.name, email: OWNER.email }],
  firstRun: false,
};

/** The same org for a signed-out caller: JSON drops `me`. */
export const SIGNED_OUT_JSON = {
  org: { status: 'not-connected' },
  members: [],
  grants: [],
  activity: [],
  admins: [],
  firstRun: false,
};
