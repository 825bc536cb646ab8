import type { Member } from './member.ts';

/** A member's access to the org's Marketo connection. Workspaces are set once: change means removing access, then granting it again. */
export interface Grant {
  memberId: string;
  /** Empty: Marketo's Default workspace. */
  workspaceIds: number[];
  grantedAt: number;
  grantedBy: string;
}

export type SkipReason =
  | 'no-org-connection'
  | 'waiting-period'
  | 'workspaces-not-enabled'
  | 'unknown-workspace'
  | 'not-invited'
  | 'deactivated'
  | 'already-granted'
  | 'not-granted';

/** One member asked for: the member record if they are a member, their grant if they have one. */
export interface GrantCandidate {
  memberId: string;
  member?: Member;
  grant?: Grant;
}

export type PlannedGrant =
  | { memberId: string; outcome: 'grant'; workspaceIds: number[] }
  | { memberId: string; outcome: 'skip'; reason: SkipReason };

export interface GrantPlan {
  entries: PlannedGrant[];
  toGrant: string[];
}

/** English for each skip reason; pages show their own translations keyed by the same code. */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  'no-org-connection':
    'The org is not connected to Marketo yet: connect it under Settings > Admin Settings > Marketo first.',
  'waiting-period':
    'Marketo asks for ten minutes after the org connection before granting access: wait for the countdown to end.',
  'workspaces-not-enabled':
    'This Marketo subscription has no workspaces: connect without choosing any (the Default workspace is used).',
  'unknown-workspace':
    'One of the chosen workspaces no longer exists in Marketo: refresh the workspace list and choose again.',
  'not-invited': 'Not on the team: only invited members can be given access.',
  deactivated: 'Deactivated by your company directory: ask your IT admin to reactivate them first.',
  'already-granted': 'Already has access: to change workspaces, remove access and grant it again.',
  'not-granted': 'No access yet: grant it instead of changing workspaces.',
};
