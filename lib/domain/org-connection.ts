import type { Workspace } from './workspace.ts';

/** The org's one Marketo connection. The client secret is not part of it: the worker keeps it apart, encrypted. */
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
}

export type OrgConnectionState =
  | { status: 'not-connected' }
  | { status: 'connected'; connection: OrgConnection }
  | { status: 'disconnected'; disconnectedAt: number; disconnectedBy: string };

export const connectionOf = (state: OrgConnectionState): OrgConnection | undefined =>
  state.status === 'connected' ? state.connection : undefined;
