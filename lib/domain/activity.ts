/** The kinds only a team server's company directory (SCIM) and its tokens make (a trial has no directory). */
export const DIRECTORY_ACTIVITY_KINDS = [
  'member-deactivated',
  'member-reactivated',
  'team-created',
  'team-renamed',
  'team-removed',
  'directory-token-created',
  'directory-token-revoked',
] as const;

/** The kinds only a team server's company sign-in (SSO) and login policy make. */
export const SSO_ACTIVITY_KINDS = ['sso-provider-set', 'sso-provider-removed', 'login-policy-set'] as const;

/** What one line of the activity log says happened; a list, so that answers from a server can be checked against it. */
export const ACTIVITY_KINDS = [
  'org-created',
  'signed-in',
  'member-invited',
  'member-removed',
  'member-updated',
  'access-granted',
  'access-removed',
  'org-connected',
  'org-disconnected',
  'workspaces-refreshed',
  'org-handover-ended',
  'job-set-aside',
  ...DIRECTORY_ACTIVITY_KINDS,
  ...SSO_ACTIVITY_KINDS,
] as const;

/** Longest text a detail of an activity line holds (an email, a list of teams). */
export const MAX_DETAIL_LENGTH = 2_000;

/** One line of the activity log: who did what, when. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const isActivityKind = (kind: unknown): kind is ActivityKind =>
  typeof kind === 'string' && (ACTIVITY_KINDS as readonly string[]).includes(kind);

/** A member as a line recorded them when it was written. */
export interface NamedMember {
  name: string;
  email: string;
}

export interface ActivityEntry {
  /** Assigned by the store. */
  seq?: number;
  at: number;
  actorId: string;
  kind: ActivityKind;
  /** The member the entry is about, when there is one. */
  memberId?: string;
  /** Short, data-only details (workspace ids, munchkin id); never secrets. */
  details?: Record<string, string | number | boolean | number[]>;
  /**
   * The actor and the member(s) the line names, by member id, as they were when
   * it was written: a line keeps naming a member removed since. Lines written
   * before names were kept have none (readers then ask the members still there).
   */
  people?: Record<string, NamedMember>;
}

/** A member's name as the line recorded it. */
export const recordedName = (entry: ActivityEntry, memberId: string): string | undefined =>
  entry.people?.[memberId]?.name;
