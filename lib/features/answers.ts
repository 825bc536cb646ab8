import * as v from 'valibot';
import { ACTIVITY_KINDS, MAX_DETAIL_LENGTH } from '../domain/activity.ts';
import { MAX_CREDENTIAL_LENGTH, MAX_ENDPOINT_LENGTH } from '../domain/connection-fields.ts';
import { MAX_EMAIL_LENGTH } from '../domain/email.ts';
import { SKIP_REASON_TEXT, type SkipReason } from '../domain/grant.ts';
import {
  MAX_EXTERNAL_ID_LENGTH,
  MAX_MEMBER_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_TEAM_NAME_LENGTH,
  MAX_TEAMS,
  MEMBER_SOURCES,
  MEMBER_STATUSES,
} from '../domain/member.ts';
import { MUNCHKIN_ID_LENGTH } from '../domain/munchkin.ts';
import { isProblemCode, type ProblemCode } from '../domain/problems.ts';
import { MAX_PROBLEM_MESSAGE_LENGTH } from '../domain/result.ts';
import { MAX_WORKSPACE_NAME_LENGTH, MAX_WORKSPACES } from '../domain/workspace.ts';

/**
 * The shapes commands answer, shared by their declarations: each
 * declaration's `answer` is built from these, its result type is derived
 * from it (v.InferOutput), and the team server backend checks every answer
 * of the server against it before a page or the replica trusts it. Bounds
 * come from the domain's limits; unknown fields are dropped, and text stays
 * text: pages render it as such, never as markup.
 */
const bounded = (max: number) => v.pipe(v.string(), v.maxLength(max));
const time = v.pipe(v.number(), v.finite());
export const id = bounded(MAX_MEMBER_ID_LENGTH);
const ids = v.array(id);
const workspaceIds = v.pipe(v.array(v.pipe(v.number(), v.integer())), v.maxLength(MAX_WORKSPACES));

export const member = v.object({
  id,
  name: bounded(MAX_NAME_LENGTH),
  email: bounded(MAX_EMAIL_LENGTH),
  role: v.picklist(['admin', 'user']),
  teams: v.pipe(v.array(bounded(MAX_TEAM_NAME_LENGTH)), v.maxLength(MAX_TEAMS)),
  status: v.picklist(MEMBER_STATUSES),
  invitedAt: time,
  invitedBy: v.optional(id),
  source: v.optional(v.picklist(MEMBER_SOURCES)),
  externalId: v.optional(bounded(MAX_EXTERNAL_ID_LENGTH)),
});

const grant = v.object({ memberId: id, workspaceIds, grantedAt: time, grantedBy: id });
const workspace = v.object({ id: v.pipe(v.number(), v.integer()), name: bounded(MAX_WORKSPACE_NAME_LENGTH) });
const shared = {
  connectedAt: time,
  readyAt: time,
  workspacesEnabled: v.boolean(),
  workspaces: v.pipe(v.array(workspace), v.maxLength(MAX_WORKSPACES)),
};
export const connection = v.object({
  ...shared,
  munchkinId: bounded(MUNCHKIN_ID_LENGTH),
  clientId: bounded(MAX_CREDENTIAL_LENGTH),
  restBaseUrl: bounded(MAX_ENDPOINT_LENGTH),
  identityBaseUrl: bounded(MAX_ENDPOINT_LENGTH),
  ownerId: id,
  handoverTo: v.optional(ids),
  previousOwnerId: v.optional(id),
  needsSecret: v.optional(v.literal(true)),
});
const orgState = <C extends v.GenericSchema>(c: C) =>
  v.variant('status', [
    v.object({ status: v.literal('not-connected') }),
    v.object({ status: v.literal('connected'), connection: c }),
    v.object({ status: v.literal('disconnected'), disconnectedAt: time, disconnectedBy: id }),
  ]);

const detail = v.union([bounded(MAX_DETAIL_LENGTH), v.number(), v.boolean(), v.array(v.number())]);
export const activity = v.object({
  seq: v.optional(v.number()),
  at: time,
  actorId: id,
  kind: v.picklist(ACTIVITY_KINDS),
  memberId: v.optional(id),
  details: v.optional(v.record(v.string(), detail)),
  // Who the line names, as they were when it was written (lib/domain/activity.ts).
  people: v.optional(v.record(id, v.object({ name: bounded(MAX_NAME_LENGTH), email: bounded(MAX_EMAIL_LENGTH) }))),
});

/** A refusal: its code is one of the domain's (lib/domain/problems.ts), checked here, not cast. */
export const problem = v.object({
  code: v.custom<ProblemCode>(
    (code) => typeof code === 'string' && isProblemCode(code),
    'is not a problem this extension knows',
  ),
  message: bounded(MAX_PROBLEM_MESSAGE_LENGTH),
  field: v.optional(bounded(100)),
});

/** What a signed-in person may see of the org (lib/features/session/view.ts builds it). */
export const orgView = v.pipe(
  v.object({
    me: v.optional(member),
    // A full connection for an admin, the shared part for a rep: the full shape is tried first.
    org: orgState(v.union([connection, v.object(shared)])),
    members: v.array(member),
    grants: v.array(grant),
    activity: v.array(activity),
    membersTotal: v.optional(v.number()),
    firstRun: v.boolean(),
    admins: v.array(v.object({ name: bounded(MAX_NAME_LENGTH), email: bounded(MAX_EMAIL_LENGTH) })),
    setAside: v.optional(v.number()),
  }),
  // JSON leaves out a signed-out `me`; the view type has the key, undefined.
  v.transform(({ me, ...rest }) => ({ me, ...rest })),
);

/**
 * GET /api/session on a team server: who the bearer is, in which org, at
 * which version. The server's route answers it and the extension reads it.
 */
/** One of the signed-in person's memberships on a team server: an org and their role there. */
export const membership = v.object({
  orgId: bounded(200),
  orgName: bounded(200),
  role: v.picklist(['admin', 'user']),
});

/** An email may be a member of a server's every org, so the list is as long as a server's orgs may be. */
export const MAX_MEMBERSHIPS = 1_000;

export const serverSession = v.object({
  member,
  orgId: bounded(200),
  orgName: bounded(200),
  version: v.number(),
  /** Every org the person is a member of on this server (the session's among them); absent from older servers. */
  memberships: v.optional(v.pipe(v.array(membership), v.maxLength(MAX_MEMBERSHIPS))),
});

const skipReason = v.picklist(Object.keys(SKIP_REASON_TEXT) as SkipReason[]);
/** Who a bulk grant (or workspace change) granted, and who it skipped and why. */
export const grantReport = v.object({
  entries: v.array(
    v.variant('outcome', [
      v.object({ memberId: id, outcome: v.literal('grant'), workspaceIds }),
      v.object({ memberId: id, outcome: v.literal('skip'), reason: skipReason }),
    ]),
  ),
  granted: v.number(),
});
