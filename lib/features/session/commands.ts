import * as v from 'valibot';
import { parseEmail } from '../../domain/email.ts';
import { fail, ok } from '../../domain/result.ts';
import { activity, member, orgView } from '../answers.ts';
import { defineCommand } from '../command.ts';
import { emailText, memberId, nameText } from '../schemas.ts';
import { firstAdmin, maySignIn, signedIn } from './rules.ts';
import { readOrgData, viewFor } from './view.ts';

/** The caller's own view: what the pages paint, the worker keeps as the replica, and the badge reads its readyAt from. */
export const getState = defineCommand({
  input: v.strictObject({}),
  answer: orgView,
  who: 'anyone',
  where: 'both',
  writes: false,
  run: async (_input, { store, actor }) => ok(viewFor(actor, await readOrgData(store))),
});

/** What another member sees, exactly, for an admin checking their setup. */
export const previewAs = defineCommand({
  input: v.strictObject({ memberId }),
  answer: orgView,
  who: 'admin',
  where: 'both',
  writes: false,
  run: async ({ memberId: id }, { store }) => {
    const data = await readOrgData(store);
    const target = data.members.find((m) => m.id === id);
    if (!target) return fail('member-unknown', 'That member is no longer on the team: refresh the page.');
    return ok(viewFor(target, data));
  },
});

export const getActivity = defineCommand({
  input: v.strictObject({}),
  answer: v.array(activity),
  who: 'admin',
  where: 'both',
  writes: false,
  run: async (_input, { store }) => ok(await store.activity.all()),
});

/**
 * Trial mode only (the org in this browser): the first person on a new org
 * becomes its first admin; afterwards an invited member signs in by email.
 * Roles here are advisory: nothing proves who types the email. A team server
 * signs people in with emailed codes and passkeys instead.
 */
export const signIn = defineCommand({
  input: v.strictObject({ name: nameText, email: emailText }),
  answer: member,
  who: 'anyone',
  where: 'trial',
  writes: true,
  run: async (input, { store, now, newId }) => {
    const email = parseEmail(input.email);
    if (!email.ok) return email;
    if (!store.session) return fail('sign-in-elsewhere', 'Sign in with the code the team server emails you.');
    let found = await store.members.byEmail(email.value);
    // In trial mode the org comes into being with its first admin's first sign-in.
    const createsOrg = !found;
    if (!found) {
      if ((await store.members.all()).length > 0) {
        return fail(
          'not-invited',
          `No member of this org has the email ${email.value}: ask an admin of your team to invite you.`,
          'email',
        );
      }
      const first = firstAdmin(input, newId(), now);
      if (!first.ok) return first;
      found = first.value;
    }
    if (!maySignIn(found))
      return fail(
        'not-invited',
        `${email.value} was deactivated by your company directory: ask your IT admin.`,
        'email',
      );
    const signed = signedIn(found, now);
    await store.members.put(signed.member);
    await store.session.signIn(signed.member.id);
    if (createsOrg)
      await store.activity.add({ at: now, actorId: signed.member.id, kind: 'org-created', memberId: signed.member.id });
    await store.activity.add(signed.activity);
    return ok(signed.member);
  },
});

export const signOut = defineCommand({
  input: v.strictObject({}),
  answer: v.null(),
  who: 'anyone',
  where: 'trial',
  writes: true,
  run: async (_input, { store }) => {
    await store.session?.signOut();
    return ok(null);
  },
});
