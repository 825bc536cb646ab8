import type { ConnectionFields } from './connection-fields.ts';
import type { Result } from './result.ts';
import type { Workspace } from './workspace.ts';

/** What asking Marketo about a connection tells us: its endpoints, and whether it has workspaces. */
export interface CheckedConnection {
  restBaseUrl: string;
  identityBaseUrl: string;
  workspacesEnabled: boolean;
  workspaces: Workspace[];
}

/** Proves the credentials work against the instance, or says why not; records nothing. */
export type CheckConnection = (fields: ConnectionFields) => Promise<Result<CheckedConnection>>;
