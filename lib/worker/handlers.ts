import type { OrgBackend } from '../backend/port.ts';
import { parseConnectionFields } from '../domain/connection-fields.ts';
import { failAll, ok, type Result } from '../domain/result.ts';
import type { CommandHandlers } from '../messaging/router.ts';
import type { CheckConnection } from '../marketo/checked-connection.ts';

export interface HandlerDeps {
  backend: () => Promise<OrgBackend>;
  checkConnection: CheckConnection;
  now: () => number;
  /** Called after every command that changed the org. */
  changed: () => Promise<void>;
  /** Called once the org is disconnected: drop what was cached for it (the access token). */
  disconnected: () => Promise<void>;
}

/** Each command: validated input in, the backend's verdict out. The rules live in lib/domain and the backend. */
export function createCommandHandlers({ backend, checkConnection, now, changed, disconnected }: HandlerDeps): CommandHandlers {
  /** Announces the change when the command did change something. */
  const write = async <T>(result: Result<T>): Promise<Result<T>> => {
    if (result.ok) await changed();
    return result;
  };
  return {
    getState: async ({ previewAs }) => (await backend()).view(previewAs),
    getActivity: async () => (await backend()).activity(),
    signIn: async (input) => write(await (await backend()).signIn(input)),
    signOut: async () => {
      await (await backend()).signOut();
      return write(ok(null));
    },
    inviteMember: async (input) => write(await (await backend()).invite(input)),
    inviteMembers: async ({ rows }) => {
      const report = await (await backend()).inviteMany(rows);
      if (report.ok && report.value.invited.length > 0) await changed();
      return report;
    },
    updateMember: async ({ memberId, ...changes }) => write(await (await backend()).updateMember(memberId, changes)),
    removeMember: async ({ memberId }) => write(await (await backend()).removeMember(memberId)),
    connectOrg: async (input) => {
      const fields = parseConnectionFields(input);
      if (!fields.ok) return failAll(fields.problems);
      const org = await backend();
      // Refused before Marketo is asked: a rep's click costs no API call.
      const allowed = await org.mayConnectOrg();
      if (!allowed.ok) return allowed;
      const checked = await checkConnection(fields.value);
      if (!checked.ok) return checked;
      const { munchkinId, clientId, clientSecret } = fields.value;
      return write(await org.connectOrg({ munchkinId, clientId, connectedAt: now(), ...checked.value }, clientSecret));
    },
    refreshWorkspaces: async () => {
      const org = await backend();
      const credentials = await org.orgCredentials();
      if (!credentials.ok) return credentials;
      const checked = await checkConnection(credentials.value);
      if (!checked.ok) return checked;
      return write(await org.updateWorkspaces(checked.value.workspacesEnabled, checked.value.workspaces));
    },
    disconnectOrg: async () => {
      const result = await write(await (await backend()).disconnectOrg());
      if (!result.ok) return result;
      await disconnected();
      return ok(null);
    },
    grantAccess: async ({ memberIds, workspaceIds }) => write(await (await backend()).grant(memberIds, workspaceIds)),
    revokeAccess: async ({ memberIds }) => write(await (await backend()).revoke(memberIds)),
    changeWorkspaces: async ({ memberIds, workspaceIds }) => write(await (await backend()).changeWorkspaces(memberIds, workspaceIds)),
  };
}
