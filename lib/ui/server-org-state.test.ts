import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answer, createFakeServer, type FakeServer } from '../../tests/doubles/team-server-api.ts';
import { ADMIN_VIEW, OWNER } from '../../tests/fixtures/team-server-views.ts';
import { writeOrgLocation } from '../backend/settings.ts';
import { followServerOrg, settle, type Shown } from './server-org-state.ts';

const replica = vi.hoisted(() => ({ value: undefined as undefined | { view: unknown; at: number; version?: number } }));
vi.mock('../backend/team-server/shared/replica.ts', () => ({ readReplicaFast: vi.fn(async () => replica.value) }));
// The page's own commands in flight, and the worker's notices: the test says when.
const idle = vi.hoisted(() => ({ value: Promise.resolve() }));
vi.mock('../messaging/client.ts', () => ({ whenIdle: () => idle.value }));
const notices = vi.hoisted(() => ({ fire: () => undefined as void }));
vi.mock('../messaging/changes.ts', () => ({
  onChange: (listener: () => void) => {
    notices.fire = listener;
    return () => undefined;
  },
}));

beforeEach(() => {
  fakeBrowser.reset();
  replica.value = undefined;
  idle.value = Promise.resolve();
});

describe('what a page shows in server mode', () => {
  it('the server’s fresh view, with no "as of"', async () => {
    replica.value = { view: { ...ADMIN_VIEW, members: [] }, at: 5 };
    expect(await settle({ ok: true, value: ADMIN_VIEW })).toEqual({ view: ADMIN_VIEW });
  });

  it.each(['server-unreachable', 'server-unavailable'] as const)(
    'on %s, the replica and the time it is from',
    async (code) => {
      replica.value = { view: ADMIN_VIEW, at: 1_900_000_000_000 };
      expect(await settle({ ok: false, error: { code, message: 'down' } })).toEqual({
        view: ADMIN_VIEW,
        asOf: 1_900_000_000_000,
      });
    },
  );

  it('the problem, when there is no replica to stand in', async () => {
    const error = {
      code: 'server-unreachable',
      message: 'The team server cannot be reached: nothing was changed.',
    } as const;
    expect(await settle({ ok: false, error })).toEqual({ problem: error });
  });

  it('a refusal is not hidden behind an old view', async () => {
    replica.value = { view: ADMIN_VIEW, at: 5 };
    const error = { code: 'not-signed-in', message: 'Sign in first.' } as const;
    expect(await settle({ ok: false, error })).toEqual({ problem: error });
  });
});

describe('following the server while a page is open: at most one read a version', () => {
  const reads = () => server.requests.filter((r) => r.path === '/api/commands/getState').length;
  const shown: Shown[] = [];
  let server: FakeServer;
  let stop: () => void;

  beforeEach(async () => {
    shown.length = 0;
    server = createFakeServer();
    server.on('getState', () => answer(ADMIN_VIEW));
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin, token: server.signIn('olivia@example.com') });
  });
  afterEach(() => stop?.());

  const follow = () => {
    stop = followServerOrg({
      serverUrl: server.origin,
      show: (s) => shown.push(s),
      fetch: server.fetch,
      now: () => 77,
      feed: { sleep: async () => undefined, random: () => 0 },
    });
  };
  const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

  it('paints the replica first, then reads once from the server; the feed’s first version costs nothing', async () => {
    replica.value = { view: { ...ADMIN_VIEW, members: [] }, at: 5, version: 1 };
    follow();
    await until(() => shown.length === 2 && server.openFeeds() === 1);
    expect(shown).toEqual([{ view: { ...ADMIN_VIEW, members: [] } }, { view: ADMIN_VIEW }]);
    await until(() => reads() === 1);
    expect(reads()).toBe(1);
  });

  it('a version it does not have: one read, straight to the server; a heartbeat, none', async () => {
    follow();
    await until(() => reads() === 1 && server.openFeeds() === 1);
    server.change();
    await until(() => reads() === 2);
    server.heartbeat();
    await new Promise((r) => setTimeout(r, 20));
    expect(reads()).toBe(2);
    expect(server.requests.every((r) => r.path === '/api/commands/getState' || r.path === '/api/changes')).toBe(true);
  });

  it('its own write: the version it caused is taken from the worker’s replica once the write is answered, with no read', async () => {
    follow();
    await until(() => reads() === 1 && server.openFeeds() === 1);
    let answered!: () => void;
    idle.value = new Promise<void>((resolve) => (answered = resolve));
    server.change();
    await new Promise((r) => setTimeout(r, 20));
    expect(reads()).toBe(1);
    // The worker kept the write's answer (with its view) as the replica before answering the page.
    replica.value = { view: { ...ADMIN_VIEW, members: [OWNER] }, at: 9, version: 2 };
    answered();
    await until(() => shown.at(-1)?.view?.members.length === 1);
    expect(reads()).toBe(1);
  });

  it('the worker’s notice is read from the replica, not the server', async () => {
    follow();
    await until(() => reads() === 1);
    replica.value = { view: { ...ADMIN_VIEW, members: [OWNER] }, at: 9, version: 5 };
    notices.fire();
    await until(() => shown.at(-1)?.view?.members.length === 1);
    expect(reads()).toBe(1);
  });

  it('losing the line says "as of" after one read finds the server gone; back with nothing new, the "as of" goes with no read', async () => {
    let down = false;
    const fetch: typeof server.fetch = (url, init) =>
      down ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(url, init);
    stop = followServerOrg({
      serverUrl: server.origin,
      show: (s) => shown.push(s),
      fetch,
      now: () => 77,
      feed: { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 1))), random: () => 0 },
    });
    await until(() => reads() === 1 && server.openFeeds() === 1);
    down = true;
    server.dropFeeds();
    await until(() => shown.at(-1)?.asOf === 77);
    expect(shown.at(-1)).toEqual({ view: ADMIN_VIEW, asOf: 77 });
    const readsWhileDown = reads();
    down = false;
    await until(() => server.openFeeds() === 1 && shown.at(-1)?.asOf === undefined);
    expect(shown.at(-1)).toEqual({ view: ADMIN_VIEW });
    expect(reads()).toBe(readsWhileDown);
  });
});
