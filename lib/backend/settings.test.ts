import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onServerPolicyChange, readServerPolicy } from './server-policy.ts';
import { readServerToken, setServerToken } from './server-session.ts';
import { onOrgLocationChange, readOrgLocation, writeOrgLocation } from './settings.ts';

beforeEach(() => fakeBrowser.reset());

describe('where the org lives', () => {
  it('is undefined until chosen', async () => {
    expect(await readOrgLocation()).toBeUndefined();
  });

  it('keeps the choice, and the token only in server mode', async () => {
    await writeOrgLocation({ mode: 'trial' });
    await setServerToken('t1');
    expect(await readOrgLocation()).toEqual({ mode: 'trial' });
    expect(await readServerToken()).toBeUndefined();

    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com' });
    await setServerToken('t1');
    expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: 'https://access.example.com', token: 't1' });
    expect(await readServerToken()).toBe('t1');
    await setServerToken(undefined);
    expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: 'https://access.example.com' });
  });

  it('keeps a session’s org and the person’s orgs, and drops a malformed list without losing the session', async () => {
    const orgs = [{ orgId: 'alpha', orgName: 'Alpha', role: 'admin' }];
    const server = { mode: 'server', serverUrl: 'https://access.example.com', token: 't1' };
    await fakeBrowser.storage.local.set({ orgLocation: { ...server, orgId: 'alpha', orgs, choose: true } });
    expect(await readOrgLocation()).toEqual({ ...server, orgId: 'alpha', orgs, choose: true });
    for (const bad of [[{ orgId: 'a', orgName: 'A', role: 'owner' }], [{ orgId: '', orgName: 'A', role: 'user' }], 'x'])
      await fakeBrowser.storage.local
        .set({ orgLocation: { ...server, orgs: bad, choose: 'yes' } })
        .then(async () => expect(await readOrgLocation()).toEqual(server));
    // Signed out, a session's extras go with its token.
    await fakeBrowser.storage.local.set({ orgLocation: { ...server, orgId: 'alpha', orgs } });
    await setServerToken(undefined);
    expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.serverUrl });
  });

  it('reads trial mode as earlier builds stored it (local), and tells listeners the same', async () => {
    await fakeBrowser.storage.local.set({ orgLocation: { mode: 'local' } });
    expect(await readOrgLocation()).toEqual({ mode: 'trial' });
    const listener = vi.fn();
    const stop = onOrgLocationChange(listener);
    await fakeBrowser.storage.local.set({ orgLocation: { mode: 'local' } });
    stop();
    expect(listener.mock.calls).toEqual([[{ mode: 'trial' }]]);
  });

  it.each([
    { mode: 'server', serverUrl: 'http://evil.example' },
    { mode: 'server' },
    { mode: 'cloud' },
    'local',
    'trial',
    { mode: 'server', serverUrl: 'https://access.example.com', token: '' },
  ])('ignores what storage holds when it is not a valid choice: %j', async (stored) => {
    await fakeBrowser.storage.local.set({ orgLocation: stored });
    expect(await readOrgLocation()).toBeUndefined();
  });

  it('tells listeners of each change, with the new value', async () => {
    const listener = vi.fn();
    const stop = onOrgLocationChange(listener);
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com' });
    await fakeBrowser.storage.local.set({ other: 1 });
    stop();
    await writeOrgLocation({ mode: 'trial' });
    expect(listener.mock.calls).toEqual([[{ mode: 'server', serverUrl: 'https://access.example.com' }]]);
  });

  it('reads the server address an IT admin set by policy, if valid, and the lock only with an address', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://access.example.com/' });
    expect(await readServerPolicy()).toEqual({ serverUrl: 'https://access.example.com', locked: false });
    await fakeBrowser.storage.managed.set({ lockServerUrl: true });
    expect(await readServerPolicy()).toEqual({ serverUrl: 'https://access.example.com', locked: true });
    await fakeBrowser.storage.managed.set({ serverUrl: 'http://access.example.com' });
    expect(await readServerPolicy()).toEqual({ locked: false });
  });

  it('a browser without managed storage has no policy', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await readServerPolicy()).toEqual({ locked: false });
  });

  it('follows a policy changed while the browser runs, and leaves the session alone', async () => {
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com', token: 'bearer-1' });
    const seen: unknown[] = [];
    const stop = onServerPolicyChange((policy) => seen.push(policy));
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://new.example.com', lockServerUrl: true });
    await vi.waitFor(() => expect(seen).toEqual([{ serverUrl: 'https://new.example.com', locked: true }]));
    // A change to this browser's own storage is not a policy change.
    await fakeBrowser.storage.local.set({ other: 1 });
    stop();
    expect(seen).toHaveLength(1);
    expect(await readServerToken()).toBe('bearer-1');
  });
});
