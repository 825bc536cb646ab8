import * as v from 'valibot';
import { ACTIVITY_KINDS, MAX_DETAIL_LENGTH } from '../../domain/activity.ts';
import { MAX_CREDENTIAL_LENGTH, MAX_ENDPOINT_LENGTH } from '../../domain/connection-fields.ts';
import { MAX_EMAIL_LENGTH } from '../../domain/email.ts';
import {
  MAX_EXTERNAL_ID_LENGTH,
  MAX_MEMBER_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SELECTION,
  MAX_TEAM_NAME_LENGTH,
  MEMBER_SOURCES,
  MEMBER_STATUSES,
} from '../../domain/member.ts';
import { MUNCHKIN_ID_LENGTH } from '../../domain/munchkin.ts';
import { MAX_ORG_NAME_LENGTH } from '../../domain/org-name.ts';
import { MAX_WORKSPACE_NAME_LENGTH, MAX_WORKSPACES } from '../../domain/workspace.ts';

/**
 * The org's export file: one JSON document an owner downloads, and a team
 * server imports into a new org. It never holds the Marketo client secret:
 * every object is strict, so a file with a `clientSecret` (or any field this
 * version does not know) is refused whole. Bumping `version` is the only way
 * to change this shape; a server refuses versions it does not know.
 */
export const ORG_FILE_FORMAT = 'marketo-access-org';
export const ORG_FILE_VERSION = 1;
/**
 * The most activity lines one file carries: a trial's whole log fits; an
 * older part of a longer log is left out (the file says so), and the
 * team server's activity export streams all of it.
 */
export const MAX_FILE_ACTIVITY = 20_000;
/** The largest import request a team server reads: 100 members and a full log, with room. */
export const MAX_ORG_FILE_BYTES = 12 * 1024 * 1024;

const bounded = (max: number) => v.pipe(v.string(), v.maxLength(max));
const time = v.pipe(v.number(), v.finite());
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_MEMBER_ID_LENGTH));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
const workspaceIds = list(v.pipe(v.number(), v.integer(), v.minValue(0)), MAX_WORKSPACES);

// Larger than an org's limits (100 seats, 20 teams): the import's rule says which limit a file passes, in words.
const fileMember = v.strictObject({
  id,
  name: bounded(MAX_NAME_LENGTH * 2),
  email: bounded(MAX_EMAIL_LENGTH * 2),
  role: v.picklist(['admin', 'user']),
  teams: list(bounded(MAX_TEAM_NAME_LENGTH * 2), 1_000),
  status: v.picklist(MEMBER_STATUSES),
  invitedAt: time,
  invitedBy: v.optional(id),
  source: v.optional(v.picklist(MEMBER_SOURCES)),
  externalId: v.optional(bounded(MAX_EXTERNAL_ID_LENGTH)),
});

const fileGrant = v.strictObject({ memberId: id, workspaceIds, grantedAt: time, grantedBy: id });

const fileConnection = v.strictObject({
  munchkinId: bounded(MUNCHKIN_ID_LENGTH),
  clientId: bounded(MAX_CREDENTIAL_LENGTH),
  restBaseUrl: bounded(MAX_ENDPOINT_LENGTH),
  identityBaseUrl: bounded(MAX_ENDPOINT_LENGTH),
  connectedAt: time,
  readyAt: time,
  ownerId: id,
  workspacesEnabled: v.boolean(),
  workspaces: list(
    v.strictObject({ id: v.pipe(v.number(), v.integer()), name: bounded(MAX_WORKSPACE_NAME_LENGTH) }),
    MAX_WORKSPACES,
  ),
  handoverTo: v.optional(list(id, MAX_SELECTION)),
  previousOwnerId: v.optional(id),
});

const detail = v.union([bounded(MAX_DETAIL_LENGTH), v.number(), v.boolean(), list(v.number(), MAX_WORKSPACES)]);
const fileActivity = v.strictObject({
  at: time,
  actorId: id,
  kind: v.picklist(ACTIVITY_KINDS),
  memberId: v.optional(id),
  memberIds: v.optional(list(id, MAX_SELECTION)),
  details: v.optional(v.record(bounded(100), detail)),
});

export const orgFile = v.strictObject({
  format: v.literal(ORG_FILE_FORMAT),
  version: v.literal(ORG_FILE_VERSION),
  exportedAt: time,
  /** The trial has no org name: the importer names it. */
  org: v.strictObject({ name: v.optional(bounded(MAX_ORG_NAME_LENGTH)) }),
  /** The teams in use, sorted: what the members' own `teams` name. */
  teams: list(bounded(MAX_TEAM_NAME_LENGTH * 2), 1_000),
  members: list(fileMember, MAX_SELECTION),
  grants: list(fileGrant, MAX_SELECTION),
  /** Without the client secret, ever. */
  connection: v.variant('status', [
    v.strictObject({ status: v.literal('not-connected') }),
    v.strictObject({ status: v.literal('connected'), connection: fileConnection }),
    v.strictObject({ status: v.literal('disconnected'), disconnectedAt: time, disconnectedBy: id }),
  ]),
  /** Oldest first. */
  activity: list(fileActivity, MAX_FILE_ACTIVITY),
  /** Present when older lines were left out to keep the file within MAX_FILE_ACTIVITY. */
  activityTruncated: v.optional(v.literal(true)),
});

export type OrgFile = v.InferOutput<typeof orgFile>;
