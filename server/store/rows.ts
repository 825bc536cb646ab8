import type { Selectable } from 'kysely';
import type { ActivityEntry, ActivityKind } from '../../lib/domain/activity.ts';
import type { StoredActivity } from '../../lib/domain/stored-activity.ts';
import type { Grant } from '../../lib/domain/grant.ts';
import type { Member } from '../../lib/domain/member.ts';
import type { NewActivity } from '../../lib/features/store.ts';
import type { ActivityTable, GrantsTable, MembersTable } from '../db/schema.ts';

// Rows to domain records and back: absent optional fields stay absent, as the trial's IndexedDB store keeps them.

export function memberFrom(row: Selectable<MembersTable>): Member {
  const member: Member = {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    teams: row.teams,
    status: row.status,
    invitedAt: row.invited_at,
  };
  if (row.invited_by !== null) member.invitedBy = row.invited_by;
  if (row.source === 'directory') member.source = 'directory';
  if (row.external_id !== null) member.externalId = row.external_id;
  return member;
}

export const memberRow = (orgId: string, m: Member) => ({
  org_id: orgId,
  id: m.id,
  name: m.name,
  email: m.email,
  role: m.role,
  teams: JSON.stringify(m.teams),
  status: m.status,
  invited_at: m.invitedAt,
  invited_by: m.invitedBy ?? null,
  // Only when set: the columns are migration 0006's, and a row of an admin's member is the shape before it.
  ...(m.source !== undefined && { source: m.source }),
  ...(m.externalId !== undefined && { external_id: m.externalId }),
});

export const grantFrom = (row: Selectable<GrantsTable>): Grant => ({
  memberId: row.member_id,
  workspaceIds: row.workspace_ids,
  grantedAt: row.granted_at,
  grantedBy: row.granted_by,
});

export function activityFrom(row: Selectable<ActivityTable>): StoredActivity {
  const entry: StoredActivity = { seq: row.seq, at: row.at, actorId: row.actor_id, kind: row.kind as ActivityKind };
  if (row.member_id !== null) entry.memberId = row.member_id;
  if (row.member_ids !== null) entry.memberIds = row.member_ids;
  if (row.details !== null) entry.details = row.details as ActivityEntry['details'] & object;
  if (row.people !== null) entry.people = row.people;
  return entry;
}

export const activityRow = (
  orgId: string,
  { at, actorId, kind, memberId, memberIds, details, people }: NewActivity,
) => ({
  org_id: orgId,
  at,
  actor_id: actorId,
  kind,
  member_id: memberId ?? null,
  member_ids: memberIds ? JSON.stringify(memberIds) : null,
  details: details ? JSON.stringify(details) : null,
  // Absent rather than null: a line without names is also writable before migration 0004.
  ...(people && { people: JSON.stringify(people) }),
});
