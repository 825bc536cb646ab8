import type { ActivityEntry } from '../domain/activity.ts';
import type { DirectoryTeam, DirectoryToken } from '../domain/directory.ts';
import type { Grant } from '../domain/grant.ts';
import type { IdentityProvider, IdentitySettings, LoginPolicy } from '../domain/identity-provider.ts';
import type { Member } from '../domain/member.ts';
import type { OrgConnectionState } from '../domain/org-connection.ts';

/** A log line as written: a bulk change is one line naming every member. */
export type NewActivity = Omit<ActivityEntry, 'seq'> & { memberIds?: string[] };

/** The reads of the port: all a view is built from (a page's first paint reads, it never writes). */
export interface OrgReads {
  members: Pick<OrgStore['members'], 'get' | 'byEmail' | 'all'>;
  grants: Pick<OrgStore['grants'], 'all' | 'of'>;
  org: Pick<OrgStore['org'], 'get'>;
  activity: Pick<OrgStore['activity'], 'recent' | 'all'>;
  jobs?: OrgStore['jobs'];
}

/**
 * What a command may read and write of one org, inside one all-or-nothing
 * unit (an IndexedDB transaction here, a PostgreSQL transaction on the team
 * server). Commands only read, call a rule, and write through this port, so
 * each is written once and runs wherever the org lives.
 */
export interface OrgStore {
  members: {
    get(id: string): Promise<Member | undefined>;
    byEmail(email: string): Promise<Member | undefined>;
    all(): Promise<Member[]>;
    /** Adds or replaces. */
    put(member: Member): Promise<void>;
    delete(id: string): Promise<void>;
  };
  grants: {
    all(): Promise<Grant[]>;
    of(memberId: string): Promise<Grant | undefined>;
    /** Members granted together: one grant set, the same workspaces. */
    add(memberIds: readonly string[], grant: Omit<Grant, 'memberId'>): Promise<void>;
    /** Takes these members' access away; answers who had it. */
    remove(memberIds: readonly string[]): Promise<string[]>;
    clear(): Promise<void>;
  };
  org: {
    /** The org connection with its workspaces. */
    get(): Promise<OrgConnectionState>;
    put(state: OrgConnectionState): Promise<void>;
    /** The org's name, where it has one (a team server's; a trial has none). */
    name?(): Promise<string | undefined>;
  };
  /** The client secret, sealed by the backend's vault before the transaction (it never appears here in clear). */
  secret: {
    get(): Promise<unknown>;
    put(sealed: unknown): Promise<void>;
    delete(): Promise<void>;
  };
  activity: {
    add(entry: NewActivity): Promise<void>;
    /** Many lines in this order, at once (an import's whole log). */
    addMany(entries: readonly NewActivity[]): Promise<void>;
    /** Newest first. */
    recent(count: number): Promise<ActivityEntry[]>;
    /** Newest first. */
    all(): Promise<ActivityEntry[]>;
  };
  /**
   * Who this browser says is signed in: only where the org lives in the
   * browser (trial mode). A team server proves identity itself and has none.
   */
  session?: {
    signIn(memberId: string): Promise<void>;
    signOut(): Promise<void>;
  };
  /** Bulk changes stored as jobs that kept failing and were set aside: trial mode only (a server has no jobs). */
  jobs?: {
    setAside(): Promise<number>;
  };
  /**
   * Only on a team server: the company directory's tokens (SCIM) and the
   * teams it manages (SCIM groups). A token's secret is made and hashed here:
   * the secret is answered once and never stored.
   */
  directory?: {
    /** The tokens not revoked, oldest first. */
    tokens(): Promise<DirectoryToken[]>;
    /** Stores a new token; answers its secret, the only time it exists in clear. */
    addToken(token: DirectoryToken): Promise<string>;
    /** False when no such token is left. */
    revokeToken(id: string, at: number): Promise<boolean>;
    teams(): Promise<DirectoryTeam[]>;
    putTeam(team: DirectoryTeam): Promise<void>;
    deleteTeam(id: string): Promise<void>;
  };
  /**
   * Only on a team server: the org's identity provider (single sign-on) and
   * login policy. The client secret is sealed by the server's vault before
   * the transaction and never read back here.
   */
  identity?: {
    get(): Promise<IdentitySettings>;
    /** `sealedSecret` undefined keeps the stored one. */
    putProvider(provider: IdentityProvider, sealedSecret: unknown): Promise<void>;
    deleteProvider(): Promise<void>;
    hasSecret(): Promise<boolean>;
    setPolicy(policy: LoginPolicy, setBy: string): Promise<void>;
    /** When this member last signed in through the provider (epoch ms). */
    lastSsoSignIn(memberId: string): Promise<number | undefined>;
    noteSsoSignIn(memberId: string, at: number): Promise<void>;
  };
  /**
   * Only on a team server, for an org being created: uses the one-time
   * claim link (once) and names the org; false when the link is unknown or used.
   */
  claim?: {
    redeem(token: string, orgName: string): Promise<boolean>;
  };
}
