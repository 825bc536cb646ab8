import type * as v from 'valibot';
import type { Command } from './command.ts';
import { changeWorkspaces, grantAccess, removeAccess } from './access/commands.ts';
import { claimOrg, connectOrg, disconnectOrg, refreshWorkspaces } from './org/commands.ts';
import { exportOrg, importOrg } from './org-file/commands.ts';
import {
  getIdentitySettings,
  removeIdentityProvider,
  setIdentityProvider,
  setLoginPolicy,
} from './identity/commands.ts';
import { getActivity, getState, previewAs, signIn, signOut } from './session/commands.ts';
import { inviteMember, inviteMembers, removeMember, updateMember } from './members/commands.ts';
import {
  changeDirectoryMember,
  changeDirectoryTeam,
  createDirectoryTeam,
  createDirectoryToken,
  listDirectoryTokens,
  provisionMember,
  readDirectory,
  removeDirectoryMember,
  removeDirectoryTeam,
  revokeDirectoryToken,
} from './directory/commands.ts';

/**
 * Every command, once. The page client, the worker's router, the trial
 * backend and the team server's routes all dispatch from this list; adding a
 * command is its declaration in an area's commands.ts and one line here.
 */
export const COMMANDS = {
  // session
  getState,
  previewAs,
  getActivity,
  signIn,
  signOut,
  // members
  inviteMember,
  inviteMembers,
  updateMember,
  removeMember,
  // org
  claimOrg,
  connectOrg,
  disconnectOrg,
  refreshWorkspaces,
  // org-file: the org as one file, and a new org from one
  exportOrg,
  importOrg,
  // identity: the org's single sign-on and login policy (team server)
  getIdentitySettings,
  setIdentityProvider,
  removeIdentityProvider,
  setLoginPolicy,
  // access
  grantAccess,
  removeAccess,
  changeWorkspaces,
  // directory: the owner's SCIM tokens, and what the company directory does over SCIM
  listDirectoryTokens,
  createDirectoryToken,
  revokeDirectoryToken,
  readDirectory,
  provisionMember,
  changeDirectoryMember,
  removeDirectoryMember,
  createDirectoryTeam,
  changeDirectoryTeam,
  removeDirectoryTeam,
} satisfies Record<string, Pick<Command, 'input' | 'answer' | 'who' | 'where' | 'writes'>>;

export type CommandName = keyof typeof COMMANDS;
export type CommandInput<K extends CommandName> = v.InferOutput<(typeof COMMANDS)[K]['input']>;
/** What a command answers: derived from its declared answer schema, so the two cannot drift. */
export type CommandResult<K extends CommandName> = v.InferOutput<(typeof COMMANDS)[K]['answer']>;

/**
 * The read that answers the caller's own view. The worker keeps its answer
 * as the replica and takes the badge's readyAt from it; a page re-reads with it.
 */
export const OWN_VIEW = 'getState' satisfies CommandName;

/** The commands that change the org, by name: announced to pages, and carried with an idempotency key to a server. */
export const writes = (name: CommandName): boolean => COMMANDS[name].writes;
