import * as v from 'valibot';
import { MAX_IMPORT_ROWS, type InviteInput, type Member } from '../../domain/member.ts';
import { failAll, ok, type Result } from '../../domain/result.ts';
import { member, problem } from '../answers.ts';
import { defineCommand, type RunContext } from '../command.ts';
import type { OrgStore } from '../store.ts';
import { boundedArray, emailText, memberId, nameText, role, teams } from '../schemas.ts';
import { decideMemberRemoval, decideMemberUpdate, planInvites } from './rules.ts';

/** The teams the company directory manages (a team server's): they count toward the org's 20 before any member joins them. */
const directoryTeamNames = async (store: OrgStore) => (await store.directory?.teams())?.map((t) => t.name) ?? [];

/** Which rows of an import were invited, and why each other row was not. */
const inviteReport = v.object({
  invited: v.array(v.object({ row: v.number(), member })),
  rejected: v.array(v.object({ row: v.number(), problems: v.array(problem) })),
});
export type InviteReport = v.InferOutput<typeof inviteReport>;

const inviteRow = v.strictObject({
  name: nameText,
  email: emailText,
  role: v.optional(role),
  teams: v.optional(teams),
});

/** Valid rows are invited together; each other row says why not. Seats and duplicates are decided against the stored members. */
async function invite(
  rows: readonly InviteInput[],
  { store, actor, now, newId }: RunContext,
): Promise<Result<InviteReport>> {
  const plan = planInvites(rows, await store.members.all(), await directoryTeamNames(store));
  const report: InviteReport = { invited: [], rejected: [] };
  for (const entry of plan) {
    if (entry.outcome === 'reject') {
      report.rejected.push({ row: entry.row, problems: entry.problems });
      continue;
    }
    const invited: Member = { id: newId(), ...entry.draft, status: 'invited', invitedAt: now, invitedBy: actor.id };
    await store.members.put(invited);
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'member-invited',
      memberId: invited.id,
      details: { email: invited.email },
    });
    report.invited.push({ row: entry.row, member: invited });
  }
  return ok(report);
}

export const inviteMember = defineCommand({
  input: inviteRow,
  answer: member,
  who: 'admin',
  where: 'both',
  writes: true,
  run: async (input, ctx) => {
    const report = await invite([input], ctx);
    if (!report.ok) return report;
    const [invited] = report.value.invited;
    return invited ? ok(invited.member) : failAll(report.value.rejected[0]?.problems ?? []);
  },
});

export const inviteMembers = defineCommand({
  input: v.strictObject({ rows: boundedArray(inviteRow, 1, MAX_IMPORT_ROWS) }),
  answer: inviteReport,
  who: 'admin',
  where: 'both',
  writes: true,
  run: ({ rows }, ctx) => invite(rows, ctx),
});

export const updateMember = defineCommand({
  input: v.strictObject({ memberId, role: v.optional(role), teams: v.optional(teams) }),
  answer: member,
  who: 'admin',
  where: 'both',
  writes: true,
  run: async ({ memberId: id, ...changes }, { store, actor, now }) => {
    const decided = decideMemberUpdate(
      actor,
      await store.members.get(id),
      changes,
      await store.org.get(),
      await store.members.all(),
      await directoryTeamNames(store),
    );
    if (!decided.ok) return decided;
    const updated = decided.value;
    await store.members.put(updated);
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'member-updated',
      memberId: id,
      details: { role: updated.role, teams: updated.teams.join(', ') },
    });
    return ok(updated);
  },
});

/** Removing a member also removes their access, in the same write. */
export const removeMember = defineCommand({
  input: v.strictObject({ memberId }),
  answer: member,
  who: 'admin',
  where: 'both',
  writes: true,
  run: async ({ memberId: id }, { store, actor, now }) => {
    const decided = decideMemberRemoval(actor, await store.members.get(id), await store.org.get());
    if (!decided.ok) return decided;
    const removed = await store.grants.remove([id]);
    if (removed.length > 0)
      await store.activity.add({ at: now, actorId: actor.id, kind: 'access-removed', memberId: id });
    // Logged while the member is still stored, so both lines record their name.
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'member-removed',
      memberId: id,
      details: { email: decided.value.email },
    });
    await store.members.delete(id);
    return ok(decided.value);
  },
});
