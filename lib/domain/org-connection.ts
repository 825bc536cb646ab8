import type { Workspace } from './workspace.ts';

/** The org's one Marketo connection. The client secret is not part of it: it is kept apart, sealed. */
export interface OrgConnection {
  munchkinId: string;
  clientId: string;
  restBaseUrl: string;
  identityBaseUrl: string;
  connectedAt: number;
  /** connectedAt + the waiting period; stored so every wake recomputes from the same instant. */
  readyAt: number;
  /** The member who made the connection: only they may disconnect it. */
  ownerId: string;
  workspacesEnabled: boolean;
  workspaces: Workspace[];
  /**
   * Admins whose access the owner removed since the connection was made: the
   * first step of a handover (docs/RULES.md, rule 8). Only they may connect the org
   * again while it is connected.
   */
  handoverTo?: string[];
  /** After a handover, the old owner, whose "disconnect" ends the handover and leaves members connected. */
  previousOwnerId?: string;
  /**
   * Moved here from an export file, which never holds the client secret: the
   * owner enters it again (the waiting period is kept if nothing else changed).
   */
  needsSecret?: true;
}

/** What a rep may see of the connection: whether and since when, and the workspaces; no Client ID, endpoints or owner. */
export type SharedOrgConnection = Pick<OrgConnection, 'connectedAt' | 'readyAt' | 'workspacesEnabled' | 'workspaces'>;

export type OrgConnectionState<C = OrgConnection> =
  | { status: 'not-connected' }
  | { status: 'connected'; connection: C }
  | { status: 'disconnected'; disconnectedAt: number; disconnectedBy: string };

export const connectionOf = <C>(state: OrgConnectionState<C>): C | undefined =>
  state.status === 'connected' ? state.connection : undefined;

/** A rep's copy of the org state: nothing an attacker could use to reach Marketo or single out the owner. */
export function sharedOrgState(state: OrgConnectionState): OrgConnectionState<SharedOrgConnection> {
  if (state.status !== 'connected') return state;
  const { connectedAt, readyAt, workspacesEnabled, workspaces } = state.connection;
  return { status: 'connected', connection: { connectedAt, readyAt, workspacesEnabled, workspaces } };
}
