import * as v from 'valibot';
import { ACTIVITY_KINDS } from '../../../domain/activity.ts';
import { SKIP_REASON_TEXT, type SkipReason } from '../../../domain/grant.ts';
import type { CommandName, CommandResult } from '../../../features/registry.ts';

/**
 * What each command's answer must look like before a page or the replica
 * trusts it. The server shares the registry, so these mirror the result types
 * (the mapped type below makes the compiler check each one against its
 * command); unknown fields are dropped, and text stays text: pages render it
 * as such, never as markup.
 */
const id = v.pipe(v.string(), v.maxLength(200));
const text = v.pipe(v.string(), v.maxLength(2000));
const time = v.pipe(v.number(), v.finite());
const ids = v.array(id);
const numbers = v.array(v.pipe(v.number(), v.integer()));

export const memberSchema = v.object({
  id,
  name: text,
  email: text,
  role: v.picklist(['admin', 'user']),
  teams: v.array(text),
  status: v.picklist(['invited', 'active']),
  invitedAt: time,
  invitedBy: v.optional(id),
});
const grant = v.object({ memberId: id, workspaceIds: numbers, grantedAt: time, grantedBy: id });
const workspace = v.object({ id: v.pipe(v.number(), v.integer()), name: text });
const shared = { connectedAt: time, readyAt: time, workspacesEnabled: v.boolean(), workspaces: v.array(workspace) };
const connection = v.object({
  ...shared,
  munchkinId: text,
  clientId: text,
  restBaseUrl: text,
  identityBaseUrl: text,
  ownerId: id,
  handoverTo: v.optional(ids),
  previousOwnerId: v.optional(id),
});
const orgState = <C extends v.GenericSchema>(c: C) =>
  v.variant('status', [
    v.object({ status: v.literal('not-connected') }),
    v.object({ status: v.literal('connected'), connection: c }),
    v.object({ status: v.literal('disconnected'), disconnectedAt: time, disconnectedBy: id }),
  ]);
const detail = v.union([v.string(), v.number(), v.boolean(), numbers]);
const activity = v.object({
  seq: v.optional(v.number()),
  at: time,
  actorId: id,
  kind: v.picklist(ACTIVITY_KINDS),
  memberId: v.optional(id),
  details: v.optional(v.record(v.string(), detail)),
  people: v.optional(v.record(id, v.object({ name: text, email: text }))),
});
const problem = v.object({
  code: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,60}$/)),
  message: text,
  field: v.optional(text),
});

export const orgViewSchema = v.pipe(
  v.object({
    me: v.optional(memberSchema),
    // A full connection for an admin, the shared part for a rep: the full shape is tried first.
    org: orgState(v.union([connection, v.object(shared)])),
    members: v.array(memberSchema),
    grants: v.array(grant),
    activity: v.array(activity),
    membersTotal: v.optional(v.number()),
    firstRun: v.boolean(),
    admins: v.array(v.object({ name: text, email: text })),
    setAside: v.optional(v.number()),
  }),
  // JSON leaves out a signed-out `me`; the view type has the key, undefined.
  v.transform(({ me, ...rest }) => ({ me, ...rest })),
);

const skipReason = v.picklist(Object.keys(SKIP_REASON_TEXT) as SkipReason[]);
const grantReport = v.object({
  entries: v.array(
    v.variant('outcome', [
      v.object({ memberId: id, outcome: v.literal('grant'), workspaceIds: numbers }),
      v.object({ memberId: id, outcome: v.literal('skip'), reason: skipReason }),
    ]),
  ),
  granted: v.number(),
});

/** The commands a team server answers: all but the trial-only ones. */
export type ServerCommandName = Exclude<CommandName, 'signIn' | 'signOut'>;

export const RESULT_SCHEMAS: { [K in ServerCommandName]: v.GenericSchema<unknown, CommandResult<K>> } = {
  getState: orgViewSchema,
  getActivity: v.array(activity),
  inviteMember: memberSchema,
  inviteMembers: v.object({
    invited: v.array(v.object({ row: v.number(), member: memberSchema })),
    rejected: v.array(v.object({ row: v.number(), problems: v.array(problem) })),
  }) as v.GenericSchema<unknown, CommandResult<'inviteMembers'>>,
  updateMember: memberSchema,
  removeMember: memberSchema,
  connectOrg: connection,
  disconnectOrg: v.object({
    outcome: v.picklist(['disconnect', 'end-handover']),
    endpoints: v.optional(v.object({ restBaseUrl: text, identityBaseUrl: text })),
  }),
  refreshWorkspaces: connection,
  grantAccess: grantReport,
  removeAccess: v.object({ removed: ids, notGranted: ids }),
  changeWorkspaces: grantReport,
};
