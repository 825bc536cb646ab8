import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFakeServer, type FakeServer } from '../../tests/doubles/team-server-api.ts';
import { readOrgLocation, writeOrgLocation } from '../backend/settings.ts';
import { signOutOfServer } from './server-clients.ts';

let server: FakeServer;

beforeEach(() => {
  fakeBrowser.reset();
  server = createFakeServer();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => vi.unstubAllGlobals());

describe('signing out of the team server from a page', () => {
  it('ends the session on the server and forgets the token here', async () => {
    const token = server.signIn('olivia@example.com');
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin, token });
    await signOutOfServer(server.origin);
    expect(server.sessions.has(token)).toBe(false);
    expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.origin });
  });

  it('forgets the token even when the server cannot be reached', async () => {
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin, token: server.signIn('olivia@example.com') });
    server.fault('network');
    await signOutOfServer(server.origin);
    expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.origin });
  });
});
