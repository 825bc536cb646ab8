import * as v from 'valibot';
import {
  directoryActorId,
  MAX_TOKEN_NAME_LENGTH,
  type DirectoryCaller,
  type DirectoryTeam,
} from '../../domain/directory.ts';
import { MAX_EXTERNAL_ID_LENGTH, MAX_SEATS, type Member } from '../../domain/member.ts';
import { fail, ok } from '../../domain/result.ts';
import { id as answerId, member } from '../answers.ts';
import { defineCommand } from '../command.ts';
import { boundedArray, emailText, memberId, nameText, text } from '../schemas.ts';
import type { NewActivity, OrgStore } from '../store.ts';
import {
  checkNewToken,
  decideDirectoryChange,
  decideDirectoryRemoval,
  decideTeamChange,
  decideTeamRemoval,
  planDirectoryMember,
  planDirectoryTeam,
  type TeamPlan,
} from './rules.ts';

/**
 * The company directory's commands (SCIM 2.0, server/scim/): who it
 * provisions, changes, turns off and removes, and the teams it manages; and
 * the owner's commands for the directory's tokens. All run on a team server
 * only; the directory's run for `directory` callers (a token of the org),
 * never for a member.
 */

const externalId = v.optional(text(MAX_EXTERNAL_ID_LENGTH));
const nameParts = v.strictObject({
  givenName: v.optional(nameText),
  familyName: v.optional(nameText),
  formatted: v.optional(nameText),
  displayName: v.optional(nameText),
});
const person = {
  email: v.optional(emailText),
  name: v.optional(nameParts),
  externalId,
  active: v.optional(v.boolean()),
};
const teamId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const teamName = text(200);
const teamMembers = v.optional(boundedArray(memberId, 0, MAX_SEATS * 10));

const token = v.object({
  id: answerId,
  name: v.pipe(v.string(), v.maxLength(MAX_TOKEN_NAME_LENGTH)),
  createdAt: v.number(),
  lastUsedAt: v.optional(v.number()),
});
const team = v.object({
  id: answerId,
  name: v.pipe(v.string(), v.maxLength(200)),
  externalId: v.optional(v.pipe(v.string(), v.maxLength(MAX_EXTERNAL_ID_LENGTH))),
  createdAt: v.number(),
});
const teamAnswer = v.object({ team, members: v.array(member) });

const noDirectory = () => fail('unknown-command', 'The company directory is on a team server only.');

/** The directory's activity line: the token is the actor, named as the owner named it. */
const byDirectory = (actor: DirectoryCaller, line: Omit<NewActivity, 'actorId'>): NewActivity => {
  const actorId = directoryActorId(actor.tokenId);
  return { ...line, actorId, people: { ...line.people, [actorId]: { name: actor.name, email: '' } } };
};

/** Each member whose teams a group changed: stored, and one line each. */
async function applyTeamPlan(store: OrgStore, actor: DirectoryCaller, now: number, plan: TeamPlan): Promise<Member[]> {
  for (const changed of plan.changed) {
    await store.members.put(changed);
    await store.activity.add(
      byDirectory(actor, {
        at: now,
        kind: 'member-updated',
        memberId: changed.id,
        details: { role: changed.role, teams: changed.teams.join(', ') },
      }),
    );
  }
  const members = await store.members.all();
  return members.filter((m) => m.teams.some((t) => t.toLowerCase() === plan.team.name.toLowerCase()));
}

/** What the directory reads: every member (deactivated ones too) and the teams it manages. */
export const readDirectory = defineCommand({
  input: v.strictObject({}),
  answer: v.object({ members: v.array(member), teams: v.array(team) }),
  who: 'directory',
  where: 'team-server',
  writes: false,
  run: async (_input, { store }) => {
    if (!store.directory) return noDirectory();
    return ok({ members: await store.members.all(), teams: await store.directory.teams() });
  },
});

/** A person assigned to the app in the directory: invited as a member the directory manages. */
export const provisionMember = defineCommand({
  input: v.strictObject(person),
  answer: member,
  who: 'directory',
  where: 'team-server',
  writes: true,
  run: async (input, { store, actor, now, newId }) => {
    const planned = planDirectoryMember(input, await store.members.all());
    if (!planned.ok) return planned;
    const created: Member = { id: newId(), ...planned.value, invitedAt: now };
    await store.members.put(created);
    await store.activity.add(
      byDirectory(actor, { at: now, kind: 'member-invited', memberId: created.id, details: { email: created.email } }),
    );
    if (created.status === 'deactivated')
      await store.activity.add(byDirectory(actor, { at: now, kind: 'member-deactivated', memberId: created.id }));
    return ok(created);
  },
});

/**
 * A change from the directory. Turned off: the member loses their Marketo
 * access and their seat, and stays, deactivated. Turned on again: the member
 * is back, without access (workspaces are chosen when access is granted again).
 */
export const changeDirectoryMember = defineCommand({
  input: v.strictObject({ memberId, ...person }),
  answer: member,
  who: 'directory',
  where: 'team-server',
  writes: true,
  run: async ({ memberId: id, ...input }, { store, actor, now }) => {
    const before = await store.members.get(id);
    const decided = decideDirectoryChange(before, input, await store.org.get(), await store.members.all());
    if (!decided.ok) return decided;
    const { member: updated, turn } = decided.value;
    if (turn === 'deactivate') {
      const removed = await store.grants.remove([id]);
      if (removed.length > 0)
        await store.activity.add(byDirectory(actor, { at: now, kind: 'access-removed', memberId: id }));
    }
    await store.members.put(updated);
    if (turn) {
      const kind = turn === 'deactivate' ? 'member-deactivated' : 'member-reactivated';
      await store.activity.add(byDirectory(actor, { at: now, kind, memberId: id }));
    }
    if (before && (before.name !== updated.name || before.email !== updated.email))
      await store.activity.add(
        byDirectory(actor, {
          at: now,
          kind: 'member-updated',
          memberId: id,
          details: { role: updated.role, teams: updated.teams.join(', ') },
        }),
      );
    return ok(updated);
  },
});

/** The directory removes a member (Entra does, about 30 days after a deactivation; Okta never does). */
export const removeDirectoryMember = defineCommand({
  input: v.strictObject({ memberId }),
  answer: member,
  who: 'directory',
  where: 'team-server',
  writes: true,
  run: async ({ memberId: id }, { store, actor, now }) => {
    const decided = decideDirectoryRemoval(await store.members.get(id), await store.org.get());
    if (!decided.ok) return decided;
    const removed = await store.grants.remove([id]);
    if (removed.length > 0)
      await store.activity.add(byDirectory(actor, { at: now, kind: 'access-removed', memberId: id }));
    // Logged while the member is still stored, so the line records their name.
    await store.activity.add(
      byDirectory(actor, { at: now, kind: 'member-removed', memberId: id, details: { email: decided.value.email } }),
    );
    await store.members.delete(id);
    return ok(decided.value);
  },
});

/** A group pushed by the directory: a team, with the members it lists. */
export const createDirectoryTeam = defineCommand({
  input: v.strictObject({ name: teamName, externalId, memberIds: teamMembers }),
  answer: teamAnswer,
  who: 'directory',
  where: 'team-server',
  writes: true,
  run: async (input, { store, actor, now, newId }) => {
    if (!store.directory) return noDirectory();
    const plan = planDirectoryTeam(input, newId(), now, await store.directory.teams(), await store.members.all());
    if (!plan.ok) return plan;
    await store.directory.putTeam(plan.value.team);
    await store.activity.add(
      byDirectory(actor, { at: now, kind: 'team-created', details: { team: plan.value.team.name } }),
    );
    return ok({ team: plan.value.team, members: await applyTeamPlan(store, actor, now, plan.value) });
  },
});

/** The directory renames a team or sets who is in it; `memberIds` absent leaves its members as they are. */
export const changeDirectoryTeam = defineCommand({
  input: v.strictObject({ teamId, name: v.optional(teamName), externalId, memberIds: teamMembers }),
  answer: teamAnswer,
  who: 'directory',
  where: 'team-server',
  writes: true,
  run: async ({ teamId: id, ...input }, { store, actor, now }) => {
    if (!store.directory) return noDirectory();
    const teams = await store.directory.teams();
    const before = teams.find((t) => t.id === id);
    const plan = decideTeamChange(before, input, teams, await store.members.all());
    if (!plan.ok) return plan;
    await store.directory.putTeam(plan.value.team);
    if (before && before.name !== plan.value.team.name)
      await store.activity.add(
        byDirectory(actor, {
          at: now,
          kind: 'team-renamed',
          details: { team: plan.value.team.name, from: before.name },
        }),
      );
    return ok({ team: plan.value.team, members: await applyTeamPlan(store, actor, now, plan.value) });
  },
});

/** The directory deletes a group: the team leaves its members. */
export const removeDirectoryTeam = defineCommand({
  input: v.strictObject({ teamId }),
  answer: teamAnswer,
  who: 'directory',
  where: 'team-server',
  writes: true,
  run: async ({ teamId: id }, { store, actor, now }) => {
    if (!store.directory) return noDirectory();
    const found: DirectoryTeam | undefined = (await store.directory.teams()).find((t) => t.id === id);
    const plan = decideTeamRemoval(found, await store.members.all());
    if (!plan.ok) return plan;
    await store.activity.add(
      byDirectory(actor, { at: now, kind: 'team-removed', details: { team: plan.value.team.name } }),
    );
    await applyTeamPlan(store, actor, now, plan.value);
    await store.directory.deleteTeam(id);
    return ok({ team: plan.value.team, members: [] });
  },
});

/** The owner's tokens for the directory, with when each was last used (never their secrets). */
export const listDirectoryTokens = defineCommand({
  input: v.strictObject({}),
  answer: v.object({ tokens: v.array(token) }),
  who: 'owner',
  where: 'team-server',
  writes: false,
  run: async (_input, { store }) => {
    if (!store.directory) return noDirectory();
    return ok({ tokens: await store.directory.tokens() });
  },
});

/** A new token for the directory: its secret is in this answer only, then stored hashed. */
export const createDirectoryToken = defineCommand({
  input: v.strictObject({ name: text(MAX_TOKEN_NAME_LENGTH + 20) }),
  answer: v.object({ token, secret: v.pipe(v.string(), v.maxLength(200)) }),
  who: 'owner',
  where: 'team-server',
  writes: true,
  run: async (input, { store, actor, now, newId }) => {
    if (!store.directory) return noDirectory();
    const name = checkNewToken(input.name, await store.directory.tokens());
    if (!name.ok) return name;
    const created = { id: newId(), name: name.value, createdAt: now };
    const secret = await store.directory.addToken(created);
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'directory-token-created',
      details: { token: created.name },
    });
    return ok({ token: created, secret });
  },
});

/** Revoking a token: the directory's next call with it is refused. */
export const revokeDirectoryToken = defineCommand({
  input: v.strictObject({ tokenId: teamId }),
  answer: token,
  who: 'owner',
  where: 'team-server',
  writes: true,
  run: async ({ tokenId }, { store, actor, now }) => {
    if (!store.directory) return noDirectory();
    const found = (await store.directory.tokens()).find((t) => t.id === tokenId);
    if (!found || !(await store.directory.revokeToken(tokenId, now)))
      return fail('token-unknown', 'That token no longer exists: refresh the page.');
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'directory-token-revoked',
      details: { token: found.name },
    });
    return ok(found);
  },
});
