import * as v from 'valibot';
import type { ActivityEntry } from '../../domain/activity.ts';
import { parseEmail } from '../../domain/email.ts';
import type { Grant } from '../../domain/grant.ts';
import {
  MAX_SEATS,
  MAX_TEAMS,
  parseName,
  parseTeams,
  seatsTaken,
  teamsInUse,
  type Member,
} from '../../domain/member.ts';
import { connectionOf, type OrgConnectionState } from '../../domain/org-connection.ts';
import { parseOrgName } from '../../domain/org-name.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { NewActivity } from '../store.ts';
import { MAX_FILE_ACTIVITY, ORG_FILE_FORMAT, ORG_FILE_VERSION, orgFile, type OrgFile } from './file.ts';

/**
 * Who may export the org: its owner once it is connected (the file names
 * every member); before any connection, any admin, so a trial that never
 * connected can still move.
 */
export function decideExport(actor: Member, org: OrgConnectionState): Result<void> {
  const current = connectionOf(org);
  if (current && current.ownerId !== actor.id)
    return fail('not-owner', 'Only the admin who connected the org to Marketo can export it.');
  return ok(undefined);
}

export interface OrgContents {
  name?: string | undefined;
  members: readonly Member[];
  grants: readonly Grant[];
  org: OrgConnectionState;
  /** Newest first, as the port reads it (at most MAX_FILE_ACTIVITY are kept); lines naming several members may carry `memberIds`. */
  activity: readonly (ActivityEntry & { memberIds?: string[] })[];
}

/**
 * The export file of an org, from what the OrgStore port reads on either
 * backend. Never the client secret (the port keeps it apart, and nothing
 * here reads it). Members and grants in an order that does not depend on
 * ids, so an export of an imported org lists them the same way.
 */
export function orgFileOf(contents: OrgContents, now: number): OrgFile {
  const members = [...contents.members]
    .sort((a, b) => a.invitedAt - b.invitedAt || a.email.localeCompare(b.email))
    .map((m) => ({ ...m, teams: [...m.teams] }));
  const emailOf = new Map(members.map((m) => [m.id, m.email]));
  const grants = [...contents.grants]
    .sort(
      (a, b) =>
        a.grantedAt - b.grantedAt || (emailOf.get(a.memberId) ?? '').localeCompare(emailOf.get(b.memberId) ?? ''),
    )
    .map(({ memberId, workspaceIds, grantedAt, grantedBy }) => ({
      memberId,
      workspaceIds: [...workspaceIds],
      grantedAt,
      grantedBy,
    }));
  const truncated = contents.activity.length > MAX_FILE_ACTIVITY;
  const activity = contents.activity
    .slice(0, MAX_FILE_ACTIVITY)
    .reverse()
    .map(({ at, actorId, kind, memberId, memberIds, details }) => ({
      at,
      actorId,
      kind,
      ...(memberId !== undefined && { memberId }),
      ...(memberIds !== undefined && { memberIds: [...memberIds] }),
      ...(details !== undefined && { details: { ...details } }),
    }));
  return {
    format: ORG_FILE_FORMAT,
    version: ORG_FILE_VERSION,
    exportedAt: now,
    org: contents.name === undefined ? {} : { name: contents.name },
    teams: [...teamsInUse(members)].sort((a, b) => a.localeCompare(b)),
    members,
    grants,
    connection: withoutSecret(contents.org),
    activity,
    ...(truncated && { activityTruncated: true as const }),
  };
}

/** The state as the file keeps it: the connection's stored fields only (never a secret, nor "needs the secret"). */
function withoutSecret(state: OrgConnectionState): OrgFile['connection'] {
  if (state.status !== 'connected') return { ...state };
  const c = state.connection;
  return {
    status: 'connected',
    connection: {
      munchkinId: c.munchkinId,
      clientId: c.clientId,
      restBaseUrl: c.restBaseUrl,
      identityBaseUrl: c.identityBaseUrl,
      connectedAt: c.connectedAt,
      readyAt: c.readyAt,
      ownerId: c.ownerId,
      workspacesEnabled: c.workspacesEnabled,
      workspaces: c.workspaces.map(({ id, name }) => ({ id, name })),
      ...(c.handoverTo && { handoverTo: [...c.handoverTo] }),
      ...(c.previousOwnerId && { previousOwnerId: c.previousOwnerId }),
    },
  };
}

const invalid = (why: string) =>
  fail('import-file-invalid', `This is not an org export of Marketo Access, or it was changed: ${why}`);

/** Whether a key anywhere in the document names a secret: such a file is refused before anything is read from it. */
function holdsSecret(value: unknown, depth = 0): boolean {
  if (depth > 8 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, inner]) => /secret/i.test(key) || holdsSecret(inner, depth + 1));
}

/** The file's shape: its format and version first, so a newer file says so rather than "changed". */
export function readOrgFile(raw: unknown): Result<OrgFile> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid('it is not a JSON object.');
  const { format, version } = raw as Record<string, unknown>;
  if (format !== ORG_FILE_FORMAT) return invalid(`its format is not "${ORG_FILE_FORMAT}".`);
  if (version !== ORG_FILE_VERSION)
    return fail(
      'import-version-unknown',
      `This export is version ${typeof version === 'number' ? version : '?'}; this server reads version ${ORG_FILE_VERSION}: update the team server, or export again.`,
    );
  if (holdsSecret(raw))
    return fail(
      'import-has-secret',
      'This file holds a secret, which an export never does: export the org again; the owner enters the Marketo client secret after the move.',
    );
  const parsed = v.safeParse(orgFile, raw, { abortPipeEarly: true });
  if (parsed.success) return ok(parsed.output);
  const issue = parsed.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'file';
  return invalid(`${path}: ${issue.message}`);
}

export interface ImportPlan {
  orgName: string;
  members: Member[];
  /** Grants made together in the file, kept together (one grant set each). */
  grantSets: { memberIds: string[]; grant: Omit<Grant, 'memberId'> }[];
  org: OrgConnectionState;
  /** Oldest first: stored in this order. */
  activity: NewActivity[];
  /** Who signs in first on the new org: the connection's owner, else the first admin. */
  signInAs: Member;
}

/**
 * Everything an import writes, decided from the file alone, all or nothing:
 * the org's limits (100 seats, 20 teams), every name and email as an
 * invitation checks them, no email twice, at least one admin, grants only
 * for the file's members. Every id is replaced by a new one (an id that
 * names nobody in the file, such as a removed member in an activity line, is
 * kept as history under a new id too). The connection keeps its Munchkin ID,
 * endpoints and times, and needs its secret again.
 */
export function planImport(raw: unknown, orgNameTyped: string | undefined, newId: () => string): Result<ImportPlan> {
  const read = readOrgFile(raw);
  if (!read.ok) return read;
  const file = read.value;
  const orgName = parseOrgName(orgNameTyped ?? file.org.name);
  if (!orgName.ok) return orgName;
  if (seatsTaken(file.members) > MAX_SEATS)
    return fail(
      'seats-full',
      `The file holds ${seatsTaken(file.members)} members; an org has at most ${MAX_SEATS} seats.`,
    );

  const ids = new Map<string, string>();
  const mapped = (old: string) => {
    let next = ids.get(old);
    if (next === undefined) ids.set(old, (next = newId()));
    return next;
  };
  const byOldId = new Map<string, Member>();
  const emails = new Set<string>();
  for (const [index, m] of file.members.entries()) {
    if (byOldId.has(m.id)) return invalid(`member ${index + 1} has the id of another member.`);
    const checked = checkMember(m, index);
    if (!checked.ok) return checked;
    if (emails.has(checked.value.email))
      return fail('email-duplicate', `Member ${index + 1}: ${checked.value.email} is in the file twice.`, 'email');
    emails.add(checked.value.email);
    byOldId.set(m.id, { ...m, ...checked.value, id: mapped(m.id) });
  }
  const members = [...byOldId.values()].map((m) =>
    m.invitedBy === undefined ? m : { ...m, invitedBy: mapped(m.invitedBy) },
  );
  if (teamsInUse(members).size > MAX_TEAMS)
    return fail(
      'teams-full',
      `The file's members are in more than ${MAX_TEAMS} teams; an org has at most ${MAX_TEAMS}.`,
    );
  const admins = members.filter((m) => m.role === 'admin');
  if (admins.length === 0) return fail('import-no-admin', 'The file has no admin: nobody could manage the org.');

  const state = file.connection;
  if (file.grants.length > 0 && state.status !== 'connected') return invalid('it has grants but no org connection.');
  const granted = new Set<string>();
  const sets = new Map<string, ImportPlan['grantSets'][number]>();
  for (const g of file.grants) {
    if (!byOldId.has(g.memberId))
      return fail('import-member-unknown', 'A grant in the file is for someone who is not one of its members.');
    if (granted.has(g.memberId)) return invalid('a member has two grants.');
    granted.add(g.memberId);
    const grant = { workspaceIds: [...g.workspaceIds], grantedAt: g.grantedAt, grantedBy: mapped(g.grantedBy) };
    const key = JSON.stringify(grant);
    const set = sets.get(key) ?? { memberIds: [], grant };
    set.memberIds.push(mapped(g.memberId));
    sets.set(key, set);
  }

  let org: OrgConnectionState;
  let signInAs = [...admins].sort((a, b) => a.invitedAt - b.invitedAt)[0]!;
  if (state.status === 'connected') {
    const c = state.connection;
    const owner = byOldId.get(c.ownerId);
    if (owner?.role !== 'admin') return invalid('the org connection’s owner is not one of its admins.');
    signInAs = members.find((m) => m.id === owner.id)!;
    org = {
      status: 'connected',
      connection: {
        ...c,
        ownerId: owner.id,
        ...(c.handoverTo && { handoverTo: c.handoverTo.map(mapped) }),
        ...(c.previousOwnerId && { previousOwnerId: mapped(c.previousOwnerId) }),
        needsSecret: true,
      },
    };
  } else if (state.status === 'disconnected') {
    org = { ...state, disconnectedBy: mapped(state.disconnectedBy) };
  } else org = { status: 'not-connected' };

  const activity = file.activity.map((line): NewActivity => ({
    ...line,
    actorId: mapped(line.actorId),
    ...(line.memberId !== undefined && { memberId: mapped(line.memberId) }),
    ...(line.memberIds !== undefined && { memberIds: line.memberIds.map(mapped) }),
  }));
  return ok({ orgName: orgName.value, members, grantSets: [...sets.values()], org, activity, signInAs });
}

/** A member of the file, checked as an invitation is; the refusal says which member. */
function checkMember(m: OrgFile['members'][number], index: number): Result<Pick<Member, 'name' | 'email' | 'teams'>> {
  const name = parseName(m.name);
  const email = parseEmail(m.email);
  const teams = parseTeams(m.teams);
  const problem = [name, email, teams].find((r) => !r.ok);
  if (problem && !problem.ok)
    return fail(problem.problem.code, `Member ${index + 1}: ${problem.problem.message}`, problem.problem.field);
  return ok({
    name: name.ok ? name.value : '',
    email: email.ok ? email.value : '',
    teams: teams.ok ? teams.value : [],
  });
}
