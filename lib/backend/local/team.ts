import { parseEmail } from '../../domain/email.ts';
import { checkInvite, parseName, type InviteInput, type Member } from '../../domain/member.ts';
import { requireAdmin } from '../../domain/permissions.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { SignInInput } from '../port.ts';
import { abandon, currentMember, type LocalContext } from './context.ts';

/** The first person on a new org becomes its owner admin; afterwards only invited members sign in. */
export async function signIn(ctx: LocalContext, input: SignInInput): Promise<Result<Member>> {
  const email = parseEmail(input.email);
  if (!email.ok) return email;
  const tx = ctx.db.transaction(['members', 'session', 'activity'], 'readwrite');
  const members = tx.objectStore('members');
  let member = await members.index('by-email').get(email.value);
  if (!member) {
    if ((await members.count()) > 0) {
      await abandon(tx);
      return fail('not-invited', `No member of this org has the email ${email.value}: ask an admin of your team to invite you.`, 'email');
    }
    const name = parseName(input.name);
    if (!name.ok) {
      await abandon(tx);
      return name;
    }
    member = { id: ctx.newId(), name: name.value, email: email.value, role: 'admin', teams: ['Everyone'], status: 'active', invitedAt: ctx.now() };
  } else {
    member = { ...member, status: 'active' };
  }
  await members.put(member);
  await tx.objectStore('session').put({ memberId: member.id }, 'signed-in');
  await tx.objectStore('activity').add({ at: ctx.now(), actorId: member.id, kind: 'signed-in', memberId: member.id });
  await tx.done;
  return ok(member);
}

export async function signOut(ctx: LocalContext): Promise<void> {
  await ctx.db.delete('session', 'signed-in');
}

export async function invite(ctx: LocalContext, input: InviteInput): Promise<Result<Member>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const tx = ctx.db.transaction(['members', 'activity'], 'readwrite');
  // Checked again inside the write: seats and duplicates are decided against the stored team.
  const checked = checkInvite(input, await tx.objectStore('members').getAll());
  if (!checked.ok) {
    await abandon(tx);
    const [first] = checked.problems;
    return fail(first?.code ?? 'invalid', checked.problems.map((p) => p.message).join(' '), first?.field);
  }
  const member: Member = { id: ctx.newId(), ...checked.value, status: 'invited', invitedAt: ctx.now(), invitedBy: actor.value.id };
  await tx.objectStore('members').add(member);
  await tx.objectStore('activity').add({ at: ctx.now(), actorId: actor.value.id, kind: 'member-invited', memberId: member.id });
  await tx.done;
  return ok(member);
}

/** Removing a member also removes their access, in the same write. */
export async function removeMember(ctx: LocalContext, memberId: string): Promise<Result<Member>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  if (memberId === actor.value.id) return fail('remove-self', 'You cannot remove yourself: ask another admin.');
  const tx = ctx.db.transaction(['members', 'grants', 'org', 'activity'], 'readwrite');
  const member = await tx.objectStore('members').get(memberId);
  const org = await tx.objectStore('org').get('connection');
  if (!member) {
    await abandon(tx);
    return fail('member-unknown', 'That member is no longer on the team: refresh the page.');
  }
  if (org?.status === 'connected' && org.connection.ownerId === memberId) {
    await abandon(tx);
    return fail('remove-owner', `${member.name} made the org's Marketo connection: another admin must connect the org first, then ${member.name} can be removed.`);
  }
  const activity = tx.objectStore('activity');
  if (await tx.objectStore('grants').get(memberId)) {
    await tx.objectStore('grants').delete(memberId);
    await activity.add({ at: ctx.now(), actorId: actor.value.id, kind: 'access-removed', memberId });
  }
  await tx.objectStore('members').delete(memberId);
  await activity.add({ at: ctx.now(), actorId: actor.value.id, kind: 'member-removed', memberId, details: { email: member.email } });
  await tx.done;
  return ok(member);
}
