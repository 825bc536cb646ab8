import type { ActivityEntry } from '../../domain/activity.ts';
import type { Grant } from '../../domain/grant.ts';
import type { Member } from '../../domain/member.ts';
import {
  sharedOrgState,
  type OrgConnection,
  type OrgConnectionState,
  type SharedOrgConnection,
} from '../../domain/org-connection.ts';

/** What a signed-in person may see of the org: an admin sees every member, a rep only themselves. */
export interface OrgView {
  me: Member | undefined;
  /** An admin sees the whole connection; a rep only whether and since when, and the workspaces. */
  org: OrgConnectionState<OrgConnection | SharedOrgConnection>;
  members: Member[];
  grants: Grant[];
  activity: ActivityEntry[];
  /**
   * Set on a first-screen read: `members` holds only the first members by
   * name, and this is how many there are in all. The full view follows.
   */
  membersTotal?: number;
  /** No member yet: in trial mode the first to sign in becomes the first admin. */
  firstRun: boolean;
  /** The org's admins, whom a rep asks for access. */
  admins: Pick<Member, 'name' | 'email'>[];
  /** Bulk changes that could not be applied and were set aside (admins only). */
  setAside?: number;
}

export interface OrgData {
  members: readonly Member[];
  grants: readonly Grant[];
  org: OrgConnectionState;
  /** Newest first. */
  activity: readonly ActivityEntry[];
}

/** An admin sees every member; a rep sees only themselves, their own grant, and the admins to ask. */
export function viewFor(me: Member | undefined, data: OrgData): OrgView {
  if (!me)
    return {
      me,
      org: sharedOrgState(data.org),
      members: [],
      grants: [],
      activity: [],
      admins: [],
      firstRun: data.members.length === 0,
    };
  const admins = data.members.filter((m) => m.role === 'admin').map(({ name, email }) => ({ name, email }));
  if (me.role !== 'admin') {
    const own = data.grants.find((g) => g.memberId === me.id);
    return {
      me,
      org: sharedOrgState(data.org),
      members: [me],
      grants: own ? [own] : [],
      activity: [],
      admins,
      firstRun: false,
    };
  }
  return {
    me,
    org: data.org,
    members: [...data.members],
    grants: [...data.grants],
    activity: [...data.activity],
    admins,
    firstRun: false,
  };
}
