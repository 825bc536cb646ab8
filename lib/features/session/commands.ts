import * as v from 'valibot';
import type { ActivityEntry } from '../../domain/activity.ts';
import { parseEmail } from '../../domain/email.ts';
import { DEFAULT_TEAM, parseName, type Member } from '../../domain/member.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { authorize } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { emailText, memberId, nameText } from '../schemas.ts';
import type { OrgStore } from '../store.ts';
import { viewFor, type OrgView } from './view.ts';

/** How many activity lines a view carries; the Activity tab reads the whole log. */
export const ACTIVITY_SHOWN = 100;

/** Everything a view is built from, read together. */
export async function readOrgData(store: OrgStore) {
  const [members, grants, org, activity] = await Promise.all([
    store.members.all(),
    store.grants.all(),
    store.org.get(),
    store.activity.recent(ACTIVITY_SHOWN),
  ]);
  return { members, grants, org, activity };
}

/** The caller's view, or, for an admin previewing, exactly what another member would see. */
export const getState = defineCommand({
  input: v.strictObject({ previewAs: v.optional(memberId) }),
  who: 'anyone',
  writes: false,
  run: async ({ previewAs }, { store, actor }): Promise<Result<OrgView>> => {
    const data = await readOrgData(store);
    if (previewAs === undefined) return ok(viewFor(actor, data));
    // Previewing as someone else is an admin's: the same check the registry applies to admin commands.
    const admin = authorize('admin', actor, data.org);
    if (!admin.ok) return admin;
    const target = data.members.find((m) => m.id === previewAs);
    if (!target) return fail('member-unknown', 'That member is no longer on the team: refresh the page.');
    return ok(viewFor(target, data));
  },
});

export const getActivity = defineCommand({
  input: v.strictObject({}),
  who: 'admin',
  writes: false,
  run: async (_input, { store }): Promise<Result<ActivityEntry[]>> => ok(await store.activity.all()),
});

/**
 * Trial mode only (the org in this browser): the first person on a new org
 * becomes its first admin; afterwards an invited member signs in by email.
 * Roles here are advisory: nothing proves who types the email. A team server
 * signs people in with emailed codes and passkeys instead.
 */
export const signIn = defineCommand({
  input: v.strictObject({ name: nameText, email: emailText }),
  who: 'anyone',
  writes: true,
  trialOnly: true,
  run: async (input, { store, now, newId }): Promise<Result<Member>> => {
    const email = parseEmail(input.email);
    if (!email.ok) return email;
    if (!store.session) return fail('sign-in-elsewhere', 'Sign in with the code the team server emails you.');
    let member = await store.members.byEmail(email.value);
    const firstAdmin = !member;
    if (!member) {
      if ((await store.members.all()).length > 0) {
        return fail(
          'not-invited',
          `No member of this org has the email ${email.value}: ask an admin of your team to invite you.`,
          'email',
        );
      }
      const name = parseName(input.name);
      if (!name.ok) return name;
      member = {
        id: newId(),
        name: name.value,
        email: email.value,
        role: 'admin',
        teams: [DEFAULT_TEAM],
        status: 'active',
        invitedAt: now,
      };
    } else {
      member = { ...member, status: 'active' };
    }
    await store.members.put(member);
    await store.session.signIn(member.id);
    // In trial mode the org comes into being with its first admin's first sign-in.
    if (firstAdmin) await store.activity.add({ at: now, actorId: member.id, kind: 'org-created', memberId: member.id });
    await store.activity.add({ at: now, actorId: member.id, kind: 'signed-in', memberId: member.id });
    return ok(member);
  },
});

export const signOut = defineCommand({
  input: v.strictObject({}),
  who: 'anyone',
  writes: true,
  trialOnly: true,
  run: async (_input, { store }): Promise<Result<null>> => {
    await store.session?.signOut();
    return ok(null);
  },
});
