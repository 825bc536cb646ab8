/** One line of the activity log: who did what, when. */
export type ActivityKind =
  | 'signed-in'
  | 'member-invited'
  | 'member-removed'
  | 'member-updated'
  | 'access-granted'
  | 'access-removed'
  | 'org-connected'
  | 'org-disconnected'
  | 'workspaces-refreshed'
  | 'org-handover-ended'
  | 'job-set-aside';

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
