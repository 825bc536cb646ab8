import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  onOrgLocationChange,
  readOrgLocation,
  readPolicyServerUrl,
  readServerToken,
  setServerToken,
  writeOrgLocation,
} from './settings.ts';

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

  it('reads the server address an IT admin set by policy, if valid', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://access.example.com/' });
    expect(await readPolicyServerUrl()).toBe('https://access.example.com');
    await fakeBrowser.storage.managed.set({ serverUrl: 'http://access.example.com' });
    expect(await readPolicyServerUrl()).toBeUndefined();
  });

  it('a browser without managed storage has no policy', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await readPolicyServerUrl()).toBeUndefined();
  });
});
