import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BADGE_TICK_ALARM,
  READY_BADGE,
  READY_MARK_END_ALARM,
  WAITING_PERIOD_END_ALARM,
} from '../waiting-period/badge.ts';
import { READY_MARK_MS } from '../waiting-period/ready.ts';
import { fail } from '../domain/result.ts';
import { alarm, badge, freshDbName, manualClock, startWorker } from '../../tests/fixtures/worker-harness.ts';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const MINUTE = 60_000;
const CONNECT = { munchkinId: '123-abc-456', clientId: 'id', clientSecret: ' secret ' };

let dbName: string;
let clock: ReturnType<typeof manualClock>;

beforeEach(() => {
  fakeBrowser.reset();
  dbName = freshDbName();
  clock = manualClock(T0);
});

/** An owner admin with two invited reps, the org connected at T0. */
async function connectedOrg() {
  const w = startWorker({ dbName, now: clock.now });
  const owner = await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
  const ana = await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
  const bo = await w.must('inviteMember', { name: 'Bo', email: 'bo@example.com', role: 'admin' });
  await w.must('connectOrg', CONNECT);
  return { w, owner, ana, bo };
}

describe('the waiting-period badge', () => {
  it('counts down from 10m after the org connection and clears at its end', async () => {
    const { w } = await connectedOrg();
    expect(await badge()).toBe('10m');
    expect((await alarm(WAITING_PERIOD_END_ALARM))?.scheduledTime).toBe(T0 + 10 * MINUTE);
    expect((await alarm(BADGE_TICK_ALARM))?.periodInMinutes).toBe(0.5);

    clock.advance(4 * MINUTE + 30_000);
    await w.worker.onAlarm({ name: BADGE_TICK_ALARM });
    expect(await badge()).toBe('6m');

    clock.set(T0 + 10 * MINUTE);
    await w.worker.onAlarm({ name: WAITING_PERIOD_END_ALARM });
    expect(await badge()).toBe(READY_BADGE);
    expect(await alarm(BADGE_TICK_ALARM)).toBeUndefined();
    expect(await alarm(WAITING_PERIOD_END_ALARM)).toBeUndefined();

    clock.set(T0 + 10 * MINUTE + READY_MARK_MS);
    await w.worker.onAlarm({ name: READY_MARK_END_ALARM });
    expect(await badge()).toBe('');
  });

  it('a fresh worker over the same database resumes the countdown, re-creating lost alarms', async () => {
    const { w } = await connectedOrg();
    await w.close();
    // Browser restart: the badge and the alarms are gone, the database is not.
    fakeBrowser.reset();
    clock.advance(7 * MINUTE + 1);
    const restarted = startWorker({ dbName, now: clock.now });
    await restarted.worker.woken;
    expect(await badge()).toBe('3m');
    expect((await alarm(WAITING_PERIOD_END_ALARM))?.scheduledTime).toBe(T0 + 10 * MINUTE);
    expect(await alarm(BADGE_TICK_ALARM)).toBeDefined();
  });

  it('a worker woken after the period ended shows no badge', async () => {
    const { w } = await connectedOrg();
    await w.close();
    clock.advance(10 * MINUTE + READY_MARK_MS);
    const restarted = startWorker({ dbName, now: clock.now });
    await restarted.worker.woken;
    expect(await badge()).toBe('');
  });

  it('ignores alarms that are not its own', async () => {
    const { w } = await connectedOrg();
    clock.advance(5 * MINUTE);
    await w.worker.onAlarm({ name: 'something-else' });
    expect(await badge()).toBe('10m');
  });
});

describe('granting access', () => {
  it('is refused during the waiting period and accepted after it, whatever the page asks', async () => {
    const { w, ana } = await connectedOrg();
    clock.advance(10 * MINUTE - 1);
    const early = await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [] });
    expect(early.entries).toEqual([{ memberId: ana.id, outcome: 'skip', reason: 'waiting-period' }]);
    expect((await w.must('getState', {})).grants).toEqual([]);

    clock.advance(1);
    const report = await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2, 3] });
    expect(report.granted).toBe(1);
    const state = await w.must('getState', {});
    expect(state.grants).toEqual([
      { memberId: ana.id, workspaceIds: [2, 3], grantedAt: T0 + 10 * MINUTE, grantedBy: state.me?.id },
    ]);
    expect(state.activity.filter((a) => a.kind === 'access-granted').map((a) => a.memberId)).toEqual([ana.id]);
  });

  it('reports each skipped member with its reason and grants the rest', async () => {
    const { w, ana, bo } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [bo.id], workspaceIds: [] });
    const report = await w.must('grantAccess', { memberIds: [ana.id, bo.id, 'not-a-member'], workspaceIds: [] });
    expect(report.entries).toEqual([
      { memberId: ana.id, outcome: 'grant', workspaceIds: [] },
      { memberId: bo.id, outcome: 'skip', reason: 'already-granted' },
      { memberId: 'not-a-member', outcome: 'skip', reason: 'not-invited' },
    ]);
  });

  it('a rep cannot grant, and nothing changes', async () => {
    const { w, ana } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('signOut', {});
    await w.must('signIn', { name: '', email: 'ana@example.com' });
    const response = await w.send('grantAccess', { memberIds: [ana.id], workspaceIds: [] });
    expect(response).toMatchObject({ ok: false, error: { code: 'not-admin' } });
    const view = await w.must('getState', {});
    expect(view.grants).toEqual([]);
    expect(view.members.map((m) => m.email)).toEqual(['ana@example.com']);
  });

  it('removing access then connecting again changes the workspaces (they are set once)', async () => {
    const { w, ana } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2] });
    const again = await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [3] });
    expect(again.granted).toBe(0);
    expect(await w.must('removeAccess', { memberIds: [ana.id] })).toEqual({ removed: [ana.id], notGranted: [] });
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [3] });
    expect((await w.must('getState', {})).grants.map((g) => g.workspaceIds)).toEqual([[3]]);
  });
});

describe('the org connection', () => {
  it('a failed Marketo check records nothing and says why', async () => {
    const w = startWorker({
      dbName,
      now: clock.now,
      checkConnection: async () => fail('bad-credentials', 'Marketo refused the Client ID or Client Secret.'),
    });
    await w.must('signIn', { name: 'Olivia', email: 'olivia@example.com' });
    const response = await w.send('connectOrg', CONNECT);
    expect(response).toEqual({
      ok: false,
      error: { code: 'bad-credentials', message: 'Marketo refused the Client ID or Client Secret.' },
    });
    expect((await w.must('getState', {})).org).toEqual({ status: 'not-connected' });
    expect(await badge()).toBe('');
  });

  it('malformed fields are refused before Marketo is asked', async () => {
    let asked = 0;
    const w = startWorker({
      dbName,
      now: clock.now,
      checkConnection: async () => (asked++, fail('bad-credentials', 'x')),
    });
    await w.must('signIn', { name: 'Olivia', email: 'olivia@example.com' });
    const response = await w.send('connectOrg', { ...CONNECT, munchkinId: '123456' });
    expect(response).toMatchObject({ ok: false, error: { code: 'munchkin-shape', field: 'munchkinId' } });
    expect(asked).toBe(0);
  });

  it('only the owner disconnects, and every member loses access with it', async () => {
    const { w, ana } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [] });
    await w.must('signOut', {});
    await w.must('signIn', { name: '', email: 'bo@example.com' });
    expect(await w.send('disconnectOrg', {})).toMatchObject({ ok: false, error: { code: 'not-owner' } });
    await w.must('signOut', {});
    await w.must('signIn', { name: '', email: 'olivia@example.com' });
    await w.must('disconnectOrg', {});
    const view = await w.must('getState', {});
    expect(view.org.status).toBe('disconnected');
    expect(view.grants).toEqual([]);
  });

  it('an admin who was granted access cannot connect the org', async () => {
    const { w, bo } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [bo.id], workspaceIds: [] });
    await w.must('signOut', {});
    await w.must('signIn', { name: '', email: 'bo@example.com' });
    expect(await w.send('connectOrg', CONNECT)).toMatchObject({ ok: false, error: { code: 'connect-has-grant' } });
  });

  it('reconnecting restarts the waiting period and keeps members connected (handover)', async () => {
    const { w, ana } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [] });
    clock.advance(MINUTE);
    await w.must('connectOrg', CONNECT);
    expect(await badge()).toBe('10m');
    expect((await w.must('getState', {})).grants.map((g) => g.memberId)).toEqual([ana.id]);
  });
});

describe('messages', () => {
  const foreign = [
    ['a content script on a web page', { id: 'test-extension-id', url: 'https://evil.example/page' }],
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' }],
    ['a web page', { url: 'https://evil.example/' }],
    ['no sender at all', {}],
  ] as const;

  it.each(foreign)('refuses %s and changes nothing', async (_name, sender) => {
    const w = startWorker({ dbName, now: clock.now });
    const response = await w.send('signIn', { name: 'Mallory', email: 'mallory@example.com' }, sender);
    expect(response).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect((await w.must('getState', {})).firstRun).toBe(true);
  });

  it.each([
    ['not an object', 'grantAccess', 'bad-message'],
    ['no channel', { command: 'getState', input: {} }, 'bad-message'],
    [
      'an unknown command',
      { channel: 'marketo-access/command', command: 'dropDatabase', input: {} },
      'unknown-command',
    ],
    [
      'a prototype key as command',
      { channel: 'marketo-access/command', command: 'toString', input: {} },
      'unknown-command',
    ],
    ['a missing input', { channel: 'marketo-access/command', command: 'grantAccess' }, 'bad-input'],
    [
      'a wrong type',
      { channel: 'marketo-access/command', command: 'grantAccess', input: { memberIds: 'all', workspaceIds: [] } },
      'bad-input',
    ],
    [
      'an extra field',
      { channel: 'marketo-access/command', command: 'signOut', input: { everyone: true } },
      'bad-input',
    ],
    [
      'an empty selection',
      { channel: 'marketo-access/command', command: 'grantAccess', input: { memberIds: [], workspaceIds: [] } },
      'bad-input',
    ],
    [
      'a fractional workspace id',
      { channel: 'marketo-access/command', command: 'grantAccess', input: { memberIds: ['a'], workspaceIds: [1.5] } },
      'bad-input',
    ],
  ])('refuses %s with a clear error', async (_name, message, code) => {
    const w = startWorker({ dbName, now: clock.now });
    const response = (await w.post(message)) as { ok: boolean; error: { code: string; message: string } };
    expect(response.ok).toBe(false);
    expect(response.error.code).toBe(code);
    expect(response.error.message.length).toBeGreaterThan(5);
  });

  it('announces each change to open pages, and not a refused one', async () => {
    let announced = 0;
    const w = startWorker({ dbName, now: clock.now, announce: () => announced++ });
    await w.must('signIn', { name: 'Olivia', email: 'olivia@example.com' });
    expect(announced).toBe(1);
    await w.send('inviteMember', { name: 'X', email: 'not-an-email' });
    await w.must('getState', {});
    expect(announced).toBe(1);
  });
});

describe('jobs survive the worker', () => {
  it('a grant job written before a kill is applied once on the next start', async () => {
    const { w, ana, owner } = await connectedOrg();
    clock.advance(10 * MINUTE);
    const db = await w.db();
    // Killed right after the job was written, before it ran.
    await db.put('jobs', {
      id: 'job-1',
      command: 'grantAccess',
      input: { memberIds: [ana.id, ana.id], workspaceIds: [2] },
      actorId: owner.id,
      createdAt: clock.now(),
      attempts: 0,
    });
    await w.close();
    const restarted = startWorker({ dbName, now: clock.now });
    await restarted.worker.woken;
    const view = await restarted.must('getState', {});
    expect(view.grants.map((g) => [g.memberId, g.workspaceIds])).toEqual([[ana.id, [2]]]);
    expect(view.activity.filter((a) => a.kind === 'access-granted')).toHaveLength(1);
    expect(await (await restarted.db()).getAll('jobs')).toEqual([]);
  });
});

describe('team management', () => {
  it('a CSV batch invites the valid rows together and says why each other row was refused', async () => {
    const { w } = await connectedOrg();
    const report = await w.must('inviteMembers', {
      rows: [
        { name: 'Cy', email: 'cy@example.com', teams: ['EMEA'] },
        { name: 'Dup', email: 'ANA@example.com' },
        { name: 'Bad', email: 'bad@' },
      ],
    });
    expect(report.invited.map((r) => [r.row, r.member.email, r.member.teams])).toEqual([
      [0, 'cy@example.com', ['EMEA']],
    ]);
    expect(report.rejected.map((r) => [r.row, r.problems.map((p) => p.code)])).toEqual([
      [1, ['email-duplicate']],
      [2, ['email-shape']],
    ]);
    expect((await w.must('getState', {})).members).toHaveLength(4);
  });

  it('the owner stays an admin, and nobody demotes themselves', async () => {
    const { w, owner, bo } = await connectedOrg();
    expect(await w.send('updateMember', { memberId: owner.id, role: 'user' })).toMatchObject({
      ok: false,
      error: { code: 'demote-self' },
    });
    const updated = await w.must('updateMember', { memberId: bo.id, role: 'user', teams: ['Sales', 'EMEA'] });
    expect([updated.role, updated.teams]).toEqual(['user', ['Sales', 'EMEA']]);
  });

  it('an admin previews exactly what a rep sees; a rep cannot preview', async () => {
    const { w, ana } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2] });
    const preview = await w.must('getState', { previewAs: ana.id });
    expect(preview.me?.email).toBe('ana@example.com');
    expect(preview.members.map((m) => m.id)).toEqual([ana.id]);
    expect(preview.grants.map((g) => g.workspaceIds)).toEqual([[2]]);
    expect(preview.activity).toEqual([]);
    await w.must('signOut', {});
    await w.must('signIn', { name: '', email: 'ana@example.com' });
    expect(await w.send('getState', { previewAs: ana.id })).toMatchObject({ ok: false, error: { code: 'not-admin' } });
    expect(await w.send('getActivity', {})).toMatchObject({ ok: false, error: { code: 'not-admin' } });
  });
});

describe('changing workspaces', () => {
  it('replaces a granted member’s workspaces in one step, logged as removed then granted', async () => {
    const { w, ana, bo } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2] });
    const report = await w.must('changeWorkspaces', { memberIds: [ana.id, bo.id], workspaceIds: [3] });
    expect(report.entries).toEqual([
      { memberId: ana.id, outcome: 'grant', workspaceIds: [3] },
      { memberId: bo.id, outcome: 'skip', reason: 'not-granted' },
    ]);
    const view = await w.must('getState', {});
    expect(view.grants.map((g) => [g.memberId, g.workspaceIds])).toEqual([[ana.id, [3]]]);
    const log = (await w.must('getActivity', {})).filter((a) => a.memberId === ana.id).map((a) => a.kind);
    expect(log.slice(0, 2)).toEqual(['access-granted', 'access-removed']);
  });

  it('an unknown workspace changes nothing', async () => {
    const { w, ana } = await connectedOrg();
    clock.advance(10 * MINUTE);
    await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2] });
    const report = await w.must('changeWorkspaces', { memberIds: [ana.id], workspaceIds: [99] });
    expect(report.granted).toBe(0);
    expect((await w.must('getState', {})).grants.map((g) => g.workspaceIds)).toEqual([[2]]);
  });
});

describe('who may connect', () => {
  it('a rep’s connect is refused before Marketo is asked', async () => {
    let asked = 0;
    const w = startWorker({
      dbName,
      now: clock.now,
      checkConnection: async () => (asked++, fail('bad-credentials', 'x')),
    });
    await w.must('signIn', { name: 'Olivia', email: 'olivia@example.com' });
    await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
    await w.must('signOut', {});
    await w.must('signIn', { name: '', email: 'ana@example.com' });
    expect(await w.send('connectOrg', CONNECT)).toMatchObject({ ok: false, error: { code: 'not-admin' } });
    expect(asked).toBe(0);
  });
});
