import type * as v from 'valibot';
import type { ActivityEntry } from '../../domain/activity.ts';
import type { Grant } from '../../domain/grant.ts';
import type { Member } from '../../domain/member.ts';
import { sharedOrgState, type OrgConnectionState } from '../../domain/org-connection.ts';
import type { orgView } from '../answers.ts';
import type { OrgReads } from '../store.ts';

/**
 * What a signed-in person may see of the org: an admin sees every member, a
 * rep only themselves. Derived from the answer's schema (lib/features/answers.ts),
 * so what getState answers and what the team server backend accepts are one shape.
 */
export type OrgView = v.InferOutput<typeof orgView>;

export interface OrgData {
  members: readonly Member[];
  grants: readonly Grant[];
  org: OrgConnectionState;
  /** Newest first. */
  activity: readonly ActivityEntry[];
  /** Bulk changes set aside (trial mode); undefined where there are no jobs. */
  setAside?: number | undefined;
}

/** How many activity lines a view carries; the Activity tab reads the whole log. */
export const ACTIVITY_SHOWN = 100;

/** Everything a view is built from, read together. */
export async function readOrgData(store: OrgReads): Promise<OrgData> {
  const [members, grants, org, activity, setAside] = await Promise.all([
    store.members.all(),
    store.grants.all(),
    store.org.get(),
    store.activity.recent(ACTIVITY_SHOWN),
    store.jobs?.setAside(),
  ]);
  return { members, grants, org, activity, setAside };
}

type Admins = OrgView['admins'];
/** Per members list: a server process answers every rep's read at one org version from the same frozen list. */
const adminsKept = new WeakMap<readonly Member[], Admins>();

/** The active admins a rep may ask, by name and email. */
function adminsOf(members: readonly Member[]): Admins {
  let admins = adminsKept.get(members);
  if (!admins) {
    admins = members
      .filter((m) => m.role === 'admin' && m.status === 'active')
      .map(({ name, email }) => ({ name, email }));
    if (Object.isFrozen(members)) adminsKept.set(members, admins);
  }
  // A copy each time: the view is the caller's to keep or change.
  return admins.map((a) => ({ ...a }));
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
  const admins = adminsOf(data.members);
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
    ...(data.setAside !== undefined && { setAside: data.setAside }),
  };
}
