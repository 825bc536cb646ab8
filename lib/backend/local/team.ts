import { parseEmail } from '../../domain/email.ts';
import { planInvites } from '../../domain/invite-batch.ts';
import { MAX_TEAMS, parseName, parseRole, parseTeams, teamsInUse, type InviteInput, type Member } from '../../domain/member.ts';
import { requireAdmin } from '../../domain/permissions.ts';
import { fail, failAll, ok, type Result } from '../../domain/result.ts';
import type { InviteReport, SignInInput } from '../port.ts';
import { currentMember, Requests, writeAtomically, type LocalContext } from './context.ts';
import { removeFromSets } from './grants.ts';

/** The first person on a new org becomes its owner admin; afterwards only invited members sign in. */
export async function signIn(ctx: LocalContext, input: SignInInput): Promise<Result<Member>> {
  const email = parseEmail(input.email);
  if (!email.ok) return email;
  const tx = ctx.db.transaction(['members', 'session', 'activity'], 'readwrite');
  return writeAtomically(tx, async () => {
    const members = tx.objectStore('members');
    let member = await members.index('by-email').get(email.value);
    if (!member) {
      if ((await members.count()) > 0) {
        return fail('not-invited', `No member of this org has the email ${email.value}: ask an admin of your team to invite you.`, 'email');
      }
      const name = parseName(input.name);
      if (!name.ok) return name;
      member = { id: ctx.newId(), name: name.value, email: email.value, role: 'admin', teams: ['Everyone'], status: 'active', invitedAt: ctx.now() };
    } else {
      member = { ...member, status: 'active' };
    }
    await members.put(member);
    await tx.objectStore('session').put({ memberId: member.id }, 'signed-in');
    await tx.objectStore('activity').add({ at: ctx.now(), actorId: member.id, kind: 'signed-in', memberId: member.id });
    return ok(member);
  });
}

export async function signOut(ctx: LocalContext): Promise<void> {
  await ctx.db.delete('session', 'signed-in');
}

/** Invites a batch (a CSV import, or one row): valid rows are written together, each rejected row says why. */
export async function inviteMany(ctx: LocalContext, rows: readonly InviteInput[]): Promise<Result<InviteReport>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const tx = ctx.db.transaction(['members', 'activity'], 'readwrite');
  return writeAtomically(tx, async () => {
    // Planned inside the write: seats and duplicates are decided against the stored team.
    const plan = planInvites(rows, await tx.objectStore('members').getAll());
    const report: InviteReport = { invited: [], rejected: [] };
    const at = ctx.now();
    for (const entry of plan) {
      if (entry.outcome === 'reject') {
        report.rejected.push({ row: entry.row, problems: entry.problems });
        continue;
      }
      const member: Member = { id: ctx.newId(), ...entry.draft, status: 'invited', invitedAt: at, invitedBy: actor.value.id };
      await tx.objectStore('members').add(member);
      await tx.objectStore('activity').add({ at, actorId: actor.value.id, kind: 'member-invited', memberId: member.id, details: { email: member.email } });
      report.invited.push({ row: entry.row, member });
    }
    return ok(report);
  });
}

export async function invite(ctx: LocalContext, input: InviteInput): Promise<Result<Member>> {
  const report = await inviteMany(ctx, [input]);
  if (!report.ok) return report;
  const [invited] = report.value.invited;
  if (invited) return ok(invited.member);
  return failAll(report.value.rejected[0]?.problems ?? []);
}

/** Role and teams. The owner stays an admin; nobody demotes themselves (an org keeps an admin). */
export async function updateMember(ctx: LocalContext, memberId: string, changes: { role?: unknown; teams?: unknown }): Promise<Result<Member>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const role = changes.role === undefined ? undefined : parseRole(changes.role);
  const teams = changes.teams === undefined ? undefined : parseTeams(changes.teams);
  if (role && !role.ok) return role;
  if (teams && !teams.ok) return teams;
  const tx = ctx.db.transaction(['members', 'org', 'activity'], 'readwrite');
  return writeAtomically(tx, async () => {
    const members = tx.objectStore('members');
    const member = await members.get(memberId);
    const org = await tx.objectStore('org').get('connection');
    if (!member) return fail('member-unknown', 'That member is no longer on the team: refresh the page.');
    if (role?.value === 'user' && memberId === actor.value.id) return fail('demote-self', 'You cannot remove your own admin role: ask another admin.', 'role');
    if (role?.value === 'user' && org?.status === 'connected' && org.connection.ownerId === memberId) {
      return fail('demote-owner', `${member.name} made the org's Marketo connection and must stay an admin.`, 'role');
    }
    const updated: Member = { ...member, ...(role && { role: role.value }), ...(teams && { teams: teams.value }) };
    const others = (await members.getAll()).filter((m) => m.id !== memberId);
    if (teamsInUse([...others, updated]).size > MAX_TEAMS) {
      return fail('teams-full', `An org has at most ${MAX_TEAMS} teams: pick existing teams instead of new ones.`, 'teams');
    }
    await members.put(updated);
    await tx.objectStore('activity').add({ at: ctx.now(), actorId: actor.value.id, kind: 'member-updated', memberId, details: { role: updated.role, teams: updated.teams.join(', ') } });
    return ok(updated);
  });
}

/** Removing a member also removes their access, in the same write. */
export async function removeMember(ctx: LocalContext, memberId: string): Promise<Result<Member>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  if (memberId === actor.value.id) return fail('remove-self', 'You cannot remove yourself: ask another admin.');
  const tx = ctx.db.transaction(['members', 'grantSets', 'org', 'activity'], 'readwrite');
  return writeAtomically(tx, async () => {
    const member = await tx.objectStore('members').get(memberId);
    const org = await tx.objectStore('org').get('connection');
    if (!member) return fail('member-unknown', 'That member is no longer on the team: refresh the page.');
    if (org?.status === 'connected' && org.connection.ownerId === memberId) {
      return fail('remove-owner', `${member.name} made the org's Marketo connection: another admin must connect the org first, then ${member.name} can be removed.`);
    }
    const activity = tx.objectStore('activity');
    const grantSets = tx.objectStore('grantSets');
    const writes = new Requests();
    const removed = removeFromSets(grantSets, await grantSets.getAll(), new Set([memberId]), writes);
    await writes.all();
    if (removed.length > 0) await activity.add({ at: ctx.now(), actorId: actor.value.id, kind: 'access-removed', memberId });
    await tx.objectStore('members').delete(memberId);
    await activity.add({ at: ctx.now(), actorId: actor.value.id, kind: 'member-removed', memberId, details: { email: member.email } });
    return ok(member);
  });
}
