import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionOf } from '../../../domain/org-connection.ts';
import type { OrgView } from '../../port.ts';
import { createTeamServerBackend, type TeamServerBackendDeps } from './backend.ts';
import { answer, createFakeServer, refusal, type FakeServer } from '../../../../tests/doubles/team-server-api.ts';
import { ADMIN_VIEW, OWNER, REP, SIGNED_OUT_JSON } from '../../../../tests/fixtures/team-server-views.ts';

const UNREACHABLE = {
  ok: false,
  problem: { code: 'server-unreachable', message: 'The team server cannot be reached: nothing was changed.' },
};

let server: FakeServer;
let token: string | undefined;
let keys: number;

function backend(extra: Partial<TeamServerBackendDeps> = {}) {
  return createTeamServerBackend({
    serverUrl: server.origin,
    token: async () => token,
    fetch: server.fetch,
    newKey: () => `key-${++keys}`,
    now: () => 42,
    ...extra,
  });
}

beforeEach(() => {
  server = createFakeServer();
  token = server.signIn(OWNER.email);
  keys = 0;
  server.on('getState', () => answer(ADMIN_VIEW));
  server.on('removeMember', () => answer(OWNER));
});

describe('the team server backend', () => {
  it('reads the view with the bearer token and no idempotency key, and hands it on as the replica', async () => {
    const onView = vi.fn();
    const result = await backend({ onView }).run('getState', {});
    expect(result).toEqual({ ok: true, value: ADMIN_VIEW });
    const [sent] = server.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/api/commands/getState');
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(sent?.headers.has('idempotency-key')).toBe(false);
    expect(onView).toHaveBeenCalledWith(ADMIN_VIEW, 42, 1, token);
  });

  it('a preview is not the caller’s own view: it is not kept', async () => {
    server.on('previewAs', () => answer({ ...ADMIN_VIEW, me: REP, members: [REP] }));
    const onView = vi.fn();
    expect((await backend({ onView }).run('previewAs', { memberId: 'rep' })).ok).toBe(true);
    expect(onView).not.toHaveBeenCalled();
  });

  it('a signed-out caller sends no Authorization header, and gets a view without `me`', async () => {
    token = undefined;
    server.on('getState', () => answer(SIGNED_OUT_JSON));
    const fetch = vi.fn(server.fetch);
    const result = await backend({ fetch }).run('getState', {});
    expect(fetch.mock.calls[0]?.[1].headers).not.toHaveProperty('Authorization');
    expect(result.ok && result.value.me).toBeUndefined();
    expect(result.ok && 'me' in result.value).toBe(true);
  });

  it('each write carries a fresh idempotency key', async () => {
    const remote = backend();
    await remote.run('removeMember', { memberId: 'rep' });
    await remote.run('removeMember', { memberId: 'rep' });
    expect(server.requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['key-1', 'key-2']);
    expect(server.requests[0]?.body).toEqual({ memberId: 'rep' });
  });

  it('retries once after a network failure, with the same key, and the write applies once', async () => {
    server.fault('network');
    const result = await backend().run('removeMember', { memberId: 'rep' });
    expect(result).toEqual({ ok: true, value: OWNER });
    expect(server.requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['key-1', 'key-1']);
    expect(server.applied()).toBe(1);
  });

  it('a retry whose first try did apply is answered from the key, not applied again', async () => {
    const handler = vi.fn(() => answer(OWNER));
    server.on('removeMember', handler);
    // The first request reaches the server, its answer is lost on the way back.
    const lossy: TeamServerBackendDeps['fetch'] = async (url, init) => {
      const response = await server.fetch(url, init);
      if (server.requests.length === 1) throw new TypeError('connection reset');
      return response;
    };
    expect(await backend({ fetch: lossy }).run('removeMember', { memberId: 'rep' })).toEqual({
      ok: true,
      value: OWNER,
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a server that cannot be reached twice answers server-unreachable, nothing changed', async () => {
    server.fault('network', 'network');
    expect(await backend().run('removeMember', { memberId: 'rep' })).toEqual(UNREACHABLE);
    expect(server.requests).toHaveLength(2);
    expect(server.applied()).toBe(0);
  });

  it('a server that never answers is unreachable after the time limit', async () => {
    const hang: TeamServerBackendDeps['fetch'] = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))),
      );
    expect(await backend({ fetch: hang, timeoutMs: 5 }).run('getState', {})).toEqual(UNREACHABLE);
  });

  it.each([
    [400, 'bad-input', 'The removeMember command was refused: memberId too long', 'memberId'],
    [403, 'not-admin', 'Only an SIA admin can do this: ask an admin of your team.', undefined],
    [403, 'not-owner', 'Only the admin who connected the org to Marketo can do this.', undefined],
    [404, 'unknown-command', 'No such command.', undefined],
    [409, 'remove-owner', 'The owner cannot be removed.', undefined],
  ])('a %i %s refusal keeps the server’s code, message and field', async (status, code, message, field) => {
    server.on('removeMember', () => refusal(status, code, message, field));
    const result = await backend().run('removeMember', { memberId: 'rep' });
    expect(result).toEqual({ ok: false, problem: field === undefined ? { code, message } : { code, message, field } });
  });

  it('503: the database is down, in the server’s words', async () => {
    server.on('removeMember', () =>
      refusal(503, 'database-down', 'The database is restarting: try again in a minute.'),
    );
    expect(await backend().run('removeMember', { memberId: 'rep' })).toEqual({
      ok: false,
      problem: { code: 'server-unavailable', message: 'The database is restarting: try again in a minute.' },
    });
  });

  it('503 from a proxy, 413 and 500 without our envelope still say what to do', async () => {
    server.fault({ status: 503, body: '<html>' }, { status: 413, body: null }, { status: 500, body: 'oops' });
    const remote = backend();
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const result = await remote.run('removeMember', { memberId: 'rep' });
      codes.push(result.ok ? 'ok' : result.problem.code);
    }
    expect(codes).toEqual(['server-unavailable', 'too-large', 'server-error']);
  });

  it.each([
    ['not JSON', { status: 200, body: 'hello' }],
    ['no envelope', { status: 200, body: { value: ADMIN_VIEW } }],
    [
      'ok with a value of the wrong shape',
      { status: 200, body: { ok: true, value: { ...ADMIN_VIEW, members: [{ id: 1 }] } } },
    ],
    ['ok with no value', { status: 200, body: { ok: true } }],
    [
      'a refusal with a code that is not a code',
      { status: 409, body: { ok: false, error: { code: '<img src=x>', message: 'x' } } },
    ],
    ['ok on an error status', { status: 409, body: { ok: true, value: ADMIN_VIEW } }],
  ])('a malformed answer (%s) is never trusted', async (_name, reply) => {
    server.fault(reply);
    const onView = vi.fn();
    const result = await backend({ onView }).run('getState', {});
    expect(result.ok).toBe(false);
    expect(result.ok || ['server-answer-unexpected', 'server-error']).toContain(result.ok || result.problem.code);
    expect(onView).not.toHaveBeenCalled();
  });

  it('drops fields the server added that the view does not know', async () => {
    server.on('getState', () => answer({ ...ADMIN_VIEW, extra: 'x' }));
    const result = await backend().run('getState', {});
    expect(result.ok && 'extra' in result.value).toBe(false);
  });

  it('checks the input before sending it: nothing malformed leaves the browser', async () => {
    const result = await backend().run('removeMember', { memberId: 7 });
    expect(result.ok || result.problem.code).toBe('bad-input');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['signIn', { name: 'A', email: 'a@example.com' }],
    ['signOut', {}],
  ] as const)('%s is the browser trial’s: the pages sign in and out with the server itself', async (name, input) => {
    const result = await backend().run(name, input);
    expect(result.ok || result.problem.code).toBe('sign-in-elsewhere');
    expect(server.requests).toHaveLength(0);
  });

  it('a refusal whose code this extension does not know is an unexpected answer, not passed on', async () => {
    server.on('removeMember', () => refusal(409, 'quota-exceeded', 'A newer server’s rule.'));
    const result = await backend().run('removeMember', { memberId: 'rep' });
    expect(result.ok || result.problem.code).toBe('server-answer-unexpected');
  });

  it('a token the server no longer knows (401) is forgotten', async () => {
    token = 'expired';
    const forgetToken = vi.fn(async () => undefined);
    const result = await backend({ forgetToken }).run('getState', {});
    expect(result.ok || result.problem.code).toBe('not-signed-in');
    expect(forgetToken).toHaveBeenCalledWith(token);
  });

  it('readyAt comes from the last view, read once when there is none', async () => {
    const remote = backend();
    expect(await remote.readyAt()).toBe(1_800_000_800_000);
    expect(await remote.readyAt()).toBe(1_800_000_800_000);
    expect(server.requests).toHaveLength(1);
  });

  const later: OrgView = {
    ...ADMIN_VIEW,
    org: {
      status: 'connected',
      connection: { ...connectionOf(ADMIN_VIEW.org)!, readyAt: 1_800_000_900_000 },
    },
  };

  it('a write’s answer carries the caller’s view: the badge and the replica follow it with no second request', async () => {
    const onView = vi.fn();
    const remote = backend({ onView });
    await remote.run('getState', {});
    // The write (here a stand-in for connectOrg) changed the org on the server; its answer says how.
    server.on('removeMember', () => answer(OWNER, { view: later }));
    await remote.run('removeMember', { memberId: 'rep' });
    expect(await remote.readyAt()).toBe(1_800_000_900_000);
    expect(onView).toHaveBeenLastCalledWith(later, 42, 2, token);
    expect(server.requests.map((r) => r.path)).toEqual(['/api/commands/getState', '/api/commands/removeMember']);
  });

  it('a write answered without a view (an older server): readyAt reads the org again', async () => {
    const remote = backend();
    await remote.run('getState', {});
    await remote.run('removeMember', { memberId: 'rep' });
    server.on('getState', () => answer(later));
    expect(await remote.readyAt()).toBe(1_800_000_900_000);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/commands/getState',
      '/api/commands/removeMember',
      '/api/commands/getState',
    ]);
  });

  it('on a wake, readyAt comes from the view kept before (the replica), with no request', async () => {
    const remote = backend({ kept: async () => later });
    expect(await remote.readyAt()).toBe(1_800_000_900_000);
    expect(server.requests).toHaveLength(0);
  });

  it('readyAt is undefined when the server cannot be reached and nothing was read', async () => {
    server.fault('network', 'network');
    expect(await backend().readyAt()).toBeUndefined();
  });

  it('has no jobs to resume: the server applies each change in one transaction', async () => {
    expect(await backend().resumePendingJobs()).toBe(0);
  });

  it('a replica that cannot be kept does not fail the command', async () => {
    const result = await backend({ onView: () => Promise.reject(new Error('quota')) }).run('getState', {});
    expect(result.ok).toBe(true);
  });
});
