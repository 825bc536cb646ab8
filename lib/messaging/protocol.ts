import * as v from 'valibot';
import { CHANNEL } from './channel.ts';
import type { GrantReport, InviteReport, OrgView, RevokeReport } from '../backend/port.ts';
import type { ActivityEntry } from '../domain/activity.ts';
import type { Member } from '../domain/member.ts';
import type { OrgConnection } from '../domain/org-connection.ts';
import type { Problem } from '../domain/result.ts';

/**
 * The one protocol between the pages and the worker: each command's input
 * schema (checked by the worker on every message) and, below, its result
 * type. Sender and receiver both import this file.
 */
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const MAX_SELECTION = 10_000;
/** A CSV can hold more rows than seats: the report then says which rows found no seat. */
const MAX_IMPORT_ROWS = 1_000;
const inviteRow = v.strictObject({
  name: text(200),
  email: text(320),
  role: v.optional(v.picklist(['admin', 'user'])),
  teams: v.optional(v.pipe(v.array(text(100)), v.maxLength(50))),
});

export const COMMAND_INPUTS = {
  getState: v.strictObject({ previewAs: v.optional(id) }),
  getActivity: v.strictObject({}),
  signIn: v.strictObject({ name: text(200), email: text(320) }),
  signOut: v.strictObject({}),
  inviteMember: inviteRow,
  inviteMembers: v.strictObject({ rows: v.pipe(v.array(inviteRow), v.minLength(1), v.maxLength(MAX_IMPORT_ROWS)) }),
  updateMember: v.strictObject({
    memberId: id,
    role: v.optional(v.picklist(['admin', 'user'])),
    teams: v.optional(v.pipe(v.array(text(100)), v.maxLength(50))),
  }),
  removeMember: v.strictObject({ memberId: id }),
  connectOrg: v.strictObject({
    munchkinId: text(100),
    clientId: text(300),
    clientSecret: text(300),
    restBaseUrl: v.optional(text(500)),
    identityBaseUrl: v.optional(text(500)),
  }),
  disconnectOrg: v.strictObject({}),
  refreshWorkspaces: v.strictObject({}),
  grantAccess: v.strictObject({
    memberIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_SELECTION)),
    workspaceIds: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.maxLength(1000)),
  }),
  revokeAccess: v.strictObject({ memberIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_SELECTION)) }),
  changeWorkspaces: v.strictObject({
    memberIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_SELECTION)),
    workspaceIds: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.maxLength(1000)),
  }),
} satisfies Record<string, v.GenericSchema>;

export interface CommandResults {
  getState: OrgView;
  getActivity: ActivityEntry[];
  signIn: Member;
  signOut: null;
  inviteMember: Member;
  inviteMembers: InviteReport;
  updateMember: Member;
  removeMember: Member;
  connectOrg: OrgConnection;
  disconnectOrg: null;
  refreshWorkspaces: OrgConnection;
  grantAccess: GrantReport;
  revokeAccess: RevokeReport;
  changeWorkspaces: GrantReport;
}

export type CommandName = keyof typeof COMMAND_INPUTS & keyof CommandResults;
export type CommandInput<K extends CommandName> = v.InferOutput<(typeof COMMAND_INPUTS)[K]>;

export { CHANNEL };

export interface CommandMessage<K extends CommandName = CommandName> {
  channel: typeof CHANNEL;
  command: K;
  input: CommandInput<K>;
}

export type CommandResponse<K extends CommandName> = { ok: true; value: CommandResults[K] } | { ok: false; error: Problem };

/** Validates an incoming message: the command must exist and its input must match its schema. */
export function parseCommandMessage(message: unknown): { ok: true; value: CommandMessage } | { ok: false; error: Problem } {
  if (typeof message !== 'object' || message === null || (message as { channel?: unknown }).channel !== CHANNEL) {
    return { ok: false, error: { code: 'bad-message', message: 'Not a Marketo Access command.' } };
  }
  const { command, input } = message as { command?: unknown; input?: unknown };
  if (typeof command !== 'string' || !Object.hasOwn(COMMAND_INPUTS, command)) {
    // Never String(command): an object's own toString may be missing or throw.
    const shown = typeof command === 'string' ? command.slice(0, 40) : typeof command;
    return { ok: false, error: { code: 'unknown-command', message: `Unknown command "${shown}".` } };
  }
  const name = command as CommandName;
  const parsed = v.safeParse(COMMAND_INPUTS[name], input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? 'input';
    return { ok: false, error: { code: 'bad-input', message: `The ${name} command was refused: ${path} ${issue.message}`, field: path } };
  }
  return { ok: true, value: { channel: CHANNEL, command: name, input: parsed.output } as CommandMessage };
}
