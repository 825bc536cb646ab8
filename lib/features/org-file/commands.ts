import * as v from 'valibot';
import { fail, ok } from '../../domain/result.ts';
import { member } from '../answers.ts';
import { defineCommand } from '../command.ts';
import { orgNameText } from '../schemas.ts';
import { MAX_FILE_ACTIVITY, MAX_ORG_FILE_BYTES, orgFile } from './file.ts';
import { decideExport, orgFileOf, planImport } from './rules.ts';

/**
 * The org as one JSON file (members, teams, grants with workspaces, the
 * connection without its secret, the activity log), on either backend:
 * a backup, or the move of a trial onto a team server.
 */
export const exportOrg = defineCommand({
  input: v.strictObject({}),
  answer: orgFile,
  who: 'admin',
  where: 'both',
  writes: false,
  run: async (_input, { store, actor, now }) => {
    const org = await store.org.get();
    const allowed = decideExport(actor, org);
    if (!allowed.ok) return allowed;
    const [name, members, grants, activity] = await Promise.all([
      store.org.name?.(),
      store.members.all(),
      store.grants.all(),
      // One more than a file holds: whether older lines are left out.
      store.activity.recent(MAX_FILE_ACTIVITY + 1),
    ]);
    return ok(orgFileOf({ name, members, grants, org, activity }, now));
  },
});

/**
 * Team server only: an export file becomes a new org, with the one-time
 * owner link (the claim link) as the only credential, as claimOrg does; a
 * used or unknown link refuses it. The whole file is checked first and
 * written in one transaction. Nobody is signed in by it: the connection's
 * owner (else the first admin) signs in with an emailed code, then enters the
 * Marketo client secret again.
 */
export const importOrg = defineCommand({
  input: v.strictObject({
    token: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    /** The org's name on the server; the file's by default (a trial's file has none). */
    orgName: v.optional(orgNameText),
    /** Checked whole by the import's rule (planImport), which names what is wrong in the org's words. */
    file: v.unknown(),
  }),
  answer: v.object({ signInAs: member }),
  who: 'anyone',
  where: 'team-server',
  createsOrg: true,
  writes: true,
  maxBodyBytes: MAX_ORG_FILE_BYTES,
  run: async (input, { store, newId }) => {
    const plan = planImport(input.file, input.orgName, newId);
    if (!plan.ok) return plan;
    const { orgName, members, grantSets, org, activity, signInAs } = plan.value;
    if (!(await store.claim?.redeem(input.token, orgName)))
      return fail('not-invited', 'This owner link is unknown or was already used.');
    for (const m of members) await store.members.put(m);
    for (const set of grantSets) await store.grants.add(set.memberIds, set.grant);
    await store.org.put(org);
    await store.activity.addMany(activity);
    return ok({ signInAs });
  },
});
