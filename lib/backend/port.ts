import type { ActivityEntry } from '../domain/activity.ts';
import type { Grant, PlannedGrant } from '../domain/grant.ts';
import type { InviteInput, Member } from '../domain/member.ts';
import type { OrgConnection, OrgConnectionState } from '../domain/org-connection.ts';
import type { Problem, Result } from '../domain/result.ts';
import type { Workspace } from '../domain/workspace.ts';

/** What a signed-in person may see of the org: an admin sees the team, a rep only themselves. */
export interface OrgView {
  me: Member | undefined;
  org: OrgConnectionState;
  members: Member[];
  grants: Grant[];
  activity: ActivityEntry[];
  /**
   * Set on a first-screen read: `members` holds only the first members by
   * name, and this is how many there are in all. The full view follows.
   */
  membersTotal?: number;
  /** No member yet: the first to sign in becomes the owner admin. */
  firstRun: boolean;
  /** The org's admins, whom a rep asks for access. */
  admins: Pick<Member, 'name' | 'email'>[];
}

export interface GrantReport {
  entries: PlannedGrant[];
  granted: number;
}

export interface InviteReport {
  invited: { row: number; member: Member }[];
  rejected: { row: number; problems: Problem[] }[];
}

export interface RevokeReport {
  revoked: string[];
  notConnected: string[];
}

export interface OrgCredentials {
  munchkinId: string;
  clientId: string;
  clientSecret: string;
  restBaseUrl: string;
  identityBaseUrl: string;
}

export interface SignInInput {
  name: unknown;
  email: unknown;
}

/**
 * The Backend port: everything the worker asks of "the SIA org". Today's
 * implementation keeps the org in this browser's IndexedDB; a team server is
 * planned, so nothing outside lib/backend may assume the org is local. Every
 * method enforces the domain rules itself, as a server would.
 */
export interface OrgBackend {
  /** The org as the signed-in person may see it; an admin may ask to see it as another member does. */
  view(previewAs?: string): Promise<Result<OrgView>>;
  /** The whole activity log, newest first (admins only). */
  activity(): Promise<Result<ActivityEntry[]>>;
  /** First run: the first person becomes the org's owner admin; later, an invited member signs in by email. */
  signIn(input: SignInInput): Promise<Result<Member>>;
  signOut(): Promise<void>;
  invite(input: InviteInput): Promise<Result<Member>>;
  /** A CSV import: the valid rows are invited together; the report says why each other row was not. */
  inviteMany(rows: InviteInput[]): Promise<Result<InviteReport>>;
  updateMember(memberId: string, changes: { role?: unknown; teams?: unknown }): Promise<Result<Member>>;
  removeMember(memberId: string): Promise<Result<Member>>;
  /** Whether the signed-in member may make the org connection: asked before Marketo is. */
  mayConnectOrg(): Promise<Result<void>>;
  /** Records a checked org connection (the Marketo check happens before) with its client secret, kept encrypted. */
  connectOrg(connection: Omit<OrgConnection, 'ownerId' | 'readyAt'>, clientSecret: string): Promise<Result<OrgConnection>>;
  /** What the worker needs to talk to Marketo for the org (admins only); never sent to a page. */
  orgCredentials(): Promise<Result<OrgCredentials>>;
  /** Replaces the workspace list after asking Marketo again (admins only). */
  updateWorkspaces(workspacesEnabled: boolean, workspaces: Workspace[]): Promise<Result<OrgConnection>>;
  disconnectOrg(): Promise<Result<void>>;
  grant(memberIds: string[], workspaceIds: number[]): Promise<Result<GrantReport>>;
  revoke(memberIds: string[]): Promise<Result<RevokeReport>>;
  /** Workspaces are set once: this removes access and grants it again with new ones, in one step. */
  changeWorkspaces(memberIds: string[], workspaceIds: number[]): Promise<Result<GrantReport>>;
  /** The waiting period's end, when the org is connected: the worker's badge follows it. */
  readyAt(): Promise<number | undefined>;
  /** Finishes bulk changes a killed worker left behind. */
  resumePendingJobs(): Promise<number>;
}
