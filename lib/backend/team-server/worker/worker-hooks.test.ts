import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openOrgDb } from '../../../db/open.ts';
import type { OrgBackend } from '../../port.ts';
import { readOrgLocation, writeOrgLocation } from '../../settings.ts';
import { readReplica, saveReplica } from '../shared/replica.ts';
import { answer, createFakeServer } from '../../../../tests/doubles/team-server-api.ts';
import { ADMIN_VIEW } from '../../../../tests/fixtures/team-server-views.ts';
import { backendFor, onOrgMoved, RESYNC_ALARM, resync, sameServer, scheduleResync } from './worker-hooks.ts';

let n = 0;
const trial: OrgBackend = {
  run: vi.fn(),
  readyAt: async () => undefined,
  resumePendingJobs: async () => 0,
} as unknown as OrgBackend;

beforeEach(() => fakeBrowser.reset());

describe('the worker’s hooks for the team server', () => {
  it('holds the trial’s backend until a server is chosen, then the server’s, which keeps the replica', async () => {
    const db = await openOrgDb(`hooks-${++n}`);
    const server = createFakeServer();
    server.on('getState', () => answer(ADMIN_VIEW));
    const deps = { db, fetch: server.fetch, now: () => 99, trial: () => trial };
    expect(await backendFor(deps)).toBe(trial);

    await writeOrgLocation({ mode: 'server', serverUrl: server.origin, token: server.signIn('olivia@example.com') });
    const remote = await backendFor(deps);
    expect(remote).not.toBe(trial);
    expect(await resync(remote)).toBe(true);
    expect(await readReplica(db)).toEqual({ view: ADMIN_VIEW, at: 99 });
    db.close();
  });

  it('forgets the token the server no longer knows', async () => {
    const db = await openOrgDb(`hooks-${++n}`);
    const server = createFakeServer();
    server.on('getState', () => answer(ADMIN_VIEW));
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin, token: 'expired' });
    const remote = await backendFor({ db, fetch: server.fetch, now: () => 1, trial: () => trial });
    expect(await resync(remote)).toBe(false);
    expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.origin });
    db.close();
  });

  it('clears the replica before telling the worker the org moved or the member changed', async () => {
    const db = await openOrgDb(`hooks-${++n}`);
    await saveReplica(db, ADMIN_VIEW, 1);
    const moved = vi.fn(async () => expect(await readReplica(db)).toBeUndefined());
    const stop = onOrgMoved(async () => db, moved);
    await writeOrgLocation({ mode: 'trial' });
    await vi.waitFor(() => expect(moved).toHaveBeenCalledWith({ mode: 'trial' }));
    stop();
    db.close();
  });

  it('tells a new session from a new server', () => {
    const a = { mode: 'server', serverUrl: 'https://a.example.com' } as const;
    expect(sameServer(a, { ...a, token: 't' })).toBe(true);
    expect(sameServer(a, { mode: 'server', serverUrl: 'https://b.example.com' })).toBe(false);
    expect(sameServer(undefined, { mode: 'trial' })).toBe(true);
    expect(sameServer(a, { mode: 'trial' })).toBe(false);
  });

  it('schedules the re-sync alarm in server mode only, once', async () => {
    await scheduleResync(fakeBrowser.alarms, true);
    await scheduleResync(fakeBrowser.alarms, true);
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([RESYNC_ALARM]);
    await scheduleResync(fakeBrowser.alarms, false);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});
