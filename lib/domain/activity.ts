/** What one line of the activity log says happened; a list, so that answers from a server can be checked against it. */
export const ACTIVITY_KINDS = [
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
] as const;

/** Longest text a detail of an activity line holds (an email, a list of teams). */
export const MAX_DETAIL_LENGTH = 2_000;

/** One line of the activity log: who did what, when. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

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
}
