import type * as v from 'valibot';
import type { Result } from '../domain/result.ts';
import type { Command } from './command.ts';
import { changeWorkspaces, grantAccess, removeAccess } from './access/commands.ts';
import { connectOrg, disconnectOrg, refreshWorkspaces } from './org/commands.ts';
import { getActivity, getState, signIn, signOut } from './session/commands.ts';
import { inviteMember, inviteMembers, removeMember, updateMember } from './members/commands.ts';

/**
 * Every command, once. The page client, the worker's router, the trial
 * backend and the team server's routes all dispatch from this list; adding a
 * command is its declaration in an area folder and one line here.
 */
export const COMMANDS = {
  // session
  getState,
  getActivity,
  signIn,
  signOut,
  // members
  inviteMember,
  inviteMembers,
  updateMember,
  removeMember,
  // org
  connectOrg,
  disconnectOrg,
  refreshWorkspaces,
  // access
  grantAccess,
  removeAccess,
  changeWorkspaces,
} satisfies Record<string, Pick<Command, 'input' | 'who' | 'writes'>>;

export type CommandName = keyof typeof COMMANDS;
export type CommandInput<K extends CommandName> = v.InferOutput<(typeof COMMANDS)[K]['input']>;
export type CommandResult<K extends CommandName> = (typeof COMMANDS)[K]['run'] extends (
  ...args: never[]
) => Promise<Result<infer R>>
  ? R
  : never;

/** The commands that change the org, by name: announced to pages, and carried with an idempotency key to a server. */
export const writes = (name: CommandName): boolean => COMMANDS[name].writes;
