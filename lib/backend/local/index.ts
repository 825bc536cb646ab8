import type { OrgDatabase } from '../../db/open.ts';
import type { OrgBackend } from '../port.ts';
import { changeWorkspaces, grant, resumePendingJobs, revoke } from './access.ts';
import type { LocalContext } from './context.ts';
import { connectOrg, disconnectOrg, mayConnectOrg, orgCredentials, readyAt, updateWorkspaces } from './org.ts';
import { invite, inviteMany, removeMember, signIn, signOut, updateMember } from './team.ts';
import { activity, view } from './view.ts';

/** The org kept in this browser's IndexedDB. */
export function createLocalBackend(db: OrgDatabase, now: () => number, newId: () => string = () => crypto.randomUUID()): OrgBackend {
  const ctx: LocalContext = { db, now, newId };
  return {
    view: (previewAs) => view(ctx, previewAs),
    activity: () => activity(ctx),
    signIn: (input) => signIn(ctx, input),
    signOut: () => signOut(ctx),
    invite: (input) => invite(ctx, input),
    inviteMany: (rows) => inviteMany(ctx, rows),
    updateMember: (memberId, changes) => updateMember(ctx, memberId, changes),
    removeMember: (memberId) => removeMember(ctx, memberId),
    mayConnectOrg: () => mayConnectOrg(ctx),
    connectOrg: (connection, clientSecret) => connectOrg(ctx, connection, clientSecret),
    orgCredentials: () => orgCredentials(ctx),
    updateWorkspaces: (enabled, workspaces) => updateWorkspaces(ctx, enabled, workspaces),
    disconnectOrg: () => disconnectOrg(ctx),
    grant: (memberIds, workspaceIds) => grant(ctx, memberIds, workspaceIds),
    revoke: (memberIds) => revoke(ctx, memberIds),
    changeWorkspaces: (memberIds, workspaceIds) => changeWorkspaces(ctx, memberIds, workspaceIds),
    readyAt: () => readyAt(ctx),
    resumePendingJobs: () => resumePendingJobs(ctx),
  };
}
