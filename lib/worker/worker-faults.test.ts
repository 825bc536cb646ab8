import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openOrgDb } from '../db/open.ts';
import { MAX_JOB_ATTEMPTS } from '../backend/trial/shared/jobs.ts';
import { freshDbName, manualClock, startWorker } from '../../tests/fixtures/worker-harness.ts';
import { armKillSwitch } from '../../tests/resilience/support.ts';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const READY = T0 + 10 * 60_000;

let dbName: string;
let clock: ReturnType<typeof manualClock>;

beforeEach(() => {
  fakeBrowser.reset();
  dbName = freshDbName();
  clock = manualClock(T0);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

async function readyOrg() {
  const w = startWorker({ dbName, now: clock.now });
  const owner = await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
  const ana = await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
  await w.must('connectOrg', { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: 'client-secret' });
  clock.set(READY);
  return { w, owner, ana };
}

describe('a bulk change that fails after it was stored', () => {
  it('says it will still apply, never "nothing was changed", and a restart applies it', async () => {
    const { w, ana } = await readyOrg();
    // Write 0 stores the job; write 1 is the first write that applies it.
    const kill = armKillSwitch(1, 'throw');
    const answer = await w.send('grantAccess', { memberIds: [ana.id], workspaceIds: [2] }).finally(() => kill.disarm());
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('job-pending');
    expect(!answer.ok && answer.error.message).not.toMatch(/nothing was changed/i);
    await w.close();
    const restarted = startWorker({ dbName, now: clock.now });
    await restarted.worker.woken;
    const view = await restarted.must('getState', {});
    expect(view.grants.map((g) => g.memberId)).toEqual([ana.id]);
  });

  it(`is tried ${MAX_JOB_ATTEMPTS} times, then set aside with a line in the activity log and a count in the admin's view; other commands go on`, async () => {
    const { w, ana } = await readyOrg();
    const kill = armKillSwitch(1, 'throw');
    await w.send('grantAccess', { memberIds: [ana.id], workspaceIds: [2] }).finally(() => kill.disarm());
    await w.close();
    // Every restart's try fails too, at the same write.
    for (let start = 1; start < MAX_JOB_ATTEMPTS; start++) {
      const again = armKillSwitch(0, 'throw');
      const restarted = startWorker({ dbName, now: clock.now });
      await restarted.worker.woken.finally(() => again.disarm());
      await restarted.close();
    }
    const last = startWorker({ dbName, now: clock.now });
    await last.worker.woken;
    const jobs = await (await last.db()).getAll('jobs');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.attempts).toBe(MAX_JOB_ATTEMPTS);
    expect(jobs[0]?.setAsideAt).toBe(READY);
    const view = await last.must('getState', {});
    expect(view.setAside).toBe(1);
    expect(view.grants).toEqual([]);
    expect(view.activity.filter((a) => a.kind === 'job-set-aside')).toHaveLength(1);
    // Not tried again, and nothing else is held up by it.
    await last.must('inviteMember', { name: 'Bo', email: 'bo@example.com' });
    await last.close();
  });
});

describe('waking up', () => {
  it('a start-up that fails is tried again by the next command, which is answered', async () => {
    let opens = 0;
    const w = startWorker({
      dbName,
      now: clock.now,
      openDb: (name) => (++opens === 1 ? Promise.reject(new Error('disk busy')) : openOrgDb(name)),
    });
    await w.worker.woken;
    const answer = await w.send('getState', {});
    expect(answer.ok).toBe(true);
    expect(opens).toBe(2);
  });
});

describe('disconnecting', () => {
  it('gives back the host permission of the instance the org used', async () => {
    const forgotten: { restBaseUrl: string; identityBaseUrl: string }[] = [];
    const w = startWorker({
      dbName,
      now: clock.now,
      forgetInstance: async (endpoints) => void forgotten.push(endpoints),
    });
    await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
    await w.must('connectOrg', { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: 'client-secret' });
    expect(forgotten).toEqual([]);
    await w.must('disconnectOrg', {});
    expect(forgotten).toHaveLength(1);
    expect(forgotten[0]?.restBaseUrl).toMatch(/^https:\/\/123-abc-456\.mktorest\.com\/rest$/i);
  });
});

describe('a rep’s view', () => {
  it('carries no Client ID, owner or endpoints: only whether and since when, and the workspaces', async () => {
    const { w, ana } = await readyOrg();
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2] });
    await w.must('signIn', { name: 'Ana', email: 'ana@example.com' });
    const view = await w.must('getState', {});
    expect(view.org.status).toBe('connected');
    const text = JSON.stringify(view);
    for (const hidden of [
      'client-id',
      'clientId',
      'ownerId',
      'mktorest',
      'restBaseUrl',
      'identityBaseUrl',
      'munchkinId',
      '123-ABC-456',
    ])
      expect(text).not.toContain(hidden);
    expect(view.org.status === 'connected' && Object.keys(view.org.connection).sort()).toEqual([
      'connectedAt',
      'readyAt',
      'workspaces',
      'workspacesEnabled',
    ]);
  });
});
