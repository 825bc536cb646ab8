import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Member } from '../../../domain/member.ts';
import { SANDBOX_CHECK, aTrialBackend, mustSucceed } from '../../../../tests/fixtures/worker-harness.ts';

beforeEach(() => fakeBrowser.reset());

// Only a team server's directory deactivates members, but the store port is shared: an org file or a replica may
// hold a deactivated member, and the trial's views and rules must treat them as the server's do.
describe('a deactivated member in a trial org', () => {
  it('is listed as such, holds no seat, gets no access, and cannot sign in', async () => {
    const { db, clock, backend } = await aTrialBackend();
    await mustSucceed(backend.run('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' }));
    await mustSucceed(
      backend.run('connectOrg', { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: 'secret-value' }),
    );
    clock.advance(10 * 60_000);
    const invited = await mustSucceed(backend.run('inviteMember', { name: 'Dee Directory', email: 'dee@example.com' }));
    const stored = (await db.get('members', invited.id)) as Member;
    await db.put('members', { ...stored, status: 'deactivated', source: 'directory', externalId: '00u1' });

    const state = await mustSucceed(backend.run('getState', {}));
    expect(state.members.find((m) => m.id === invited.id)).toMatchObject({
      status: 'deactivated',
      source: 'directory',
    });
    const report = await mustSucceed(
      backend.run('grantAccess', { memberIds: [invited.id], workspaceIds: [SANDBOX_CHECK.workspaces[1]!.id] }),
    );
    expect(report.entries).toEqual([{ memberId: invited.id, outcome: 'skip', reason: 'deactivated' }]);
    const signIn = await backend.run('signIn', { name: 'Dee Directory', email: 'dee@example.com' });
    expect(signIn.ok ? 'ok' : signIn.problem.code).toBe('not-invited');
    // Back as the owner: Dee's seat is free, and an admin can still change or remove her.
    await mustSucceed(backend.run('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' }));
    expect((await backend.run('updateMember', { memberId: invited.id, teams: ['EMEA'] })).ok).toBe(true);
    expect((await backend.run('removeMember', { memberId: invited.id })).ok).toBe(true);
  });
});
