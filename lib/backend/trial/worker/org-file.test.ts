import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Grant } from '../../../domain/grant.ts';
import { orgFileOf, planImport } from '../../../features/org-file/rules.ts';
import { SANDBOX_CHECK, aTrialBackend, mustSucceed } from '../../../../tests/fixtures/worker-harness.ts';

beforeEach(() => fakeBrowser.reset());

const SECRET = 'trial-client-secret-value';

/** A trial org as a person makes it: a first admin who connects, invites, grants and removes. */
async function aTrialOrg() {
  const { db, clock, backend } = await aTrialBackend();
  await mustSucceed(backend.run('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' }));
  await mustSucceed(
    backend.run('connectOrg', { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: SECRET }),
  );
  clock.advance(10 * 60_000);
  const invited = await mustSucceed(
    backend.run('inviteMembers', {
      rows: [
        { name: 'Rey Rep', email: 'rey@example.com', teams: ['EMEA'] },
        { name: 'Sam Spare', email: 'sam@example.com' },
        { name: 'Gus Gone', email: 'gus@example.com' },
      ],
    }),
  );
  const [rey, sam, gus] = invited.invited.map((row) => row.member.id);
  await mustSucceed(
    backend.run('grantAccess', { memberIds: [rey!, sam!], workspaceIds: [SANDBOX_CHECK.workspaces[1]!.id] }),
  );
  await mustSucceed(backend.run('removeMember', { memberId: gus! }));
  return { backend, db };
}

describe('a trial org’s export file', () => {
  it('is what a team server imports, holds no secret, and reads back to the same file apart from ids', async () => {
    const { backend, db } = await aTrialOrg();
    const exported = await backend.run('exportOrg', {});
    if (!exported.ok) throw new Error(exported.problem.message);
    const file = exported.value;
    expect(JSON.stringify(file)).not.toContain(SECRET);
    expect(JSON.stringify(file)).not.toMatch(/secret/i);
    // The sealed secret is still here: exporting reads, it never takes anything away.
    expect(await db.get('secrets', 'client-secret')).toBeDefined();
    expect(file.members.map((m) => m.email)).toEqual(['olivia@example.com', 'rey@example.com', 'sam@example.com']);
    expect(file.activity.some((line) => line.kind === 'member-removed')).toBe(true);

    // The team server's rule takes it whole; what it would store, exported again, is the same file.
    let n = 0;
    const plan = planImport(JSON.parse(JSON.stringify(file)), 'Acme', () => `server-${++n}`);
    if (!plan.ok) throw new Error(plan.problem.message);
    const { members, grantSets, org, activity } = plan.value;
    const grants: Grant[] = grantSets.flatMap((set) => set.memberIds.map((memberId) => ({ memberId, ...set.grant })));
    const again = orgFileOf(
      { members, grants, org, activity: [...activity].reverse(), name: undefined },
      file.exportedAt,
    );
    const oldIds = [...new Set(JSON.stringify(file).match(/"id-\d+"/g))];
    const newIds = [...new Set(JSON.stringify(again).match(/"server-\d+"/g))];
    expect(newIds).toHaveLength(oldIds.length);
    // Ids in order of first appearance: the same positions in both files.
    const rename = (text: string, ids: string[]) => ids.reduce((t, id, i) => t.split(id).join(`"#${i}"`), text);
    expect(rename(JSON.stringify(again), newIds)).toBe(rename(JSON.stringify(file), oldIds));
  });
});
