import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFakeServer, type FakeServer } from '../../tests/doubles/team-server-api.ts';
import { ADMIN_VIEW } from '../../tests/fixtures/team-server-views.ts';
import { readOrgLocation, writeOrgLocation } from '../../lib/backend/settings.ts';
import { orgLocation } from '../../lib/ui/org-location.ts';
import { orgView, orgViewAsOf } from '../../lib/ui/org-state.ts';
import { OrgPage } from '../OrgPage.tsx';

// The page's state is set by each test; reading it is org-state's own test.
vi.mock('../../lib/ui/org-state.ts', async (original) => ({
  ...(await original<object>()),
  followOrg: () => () => undefined,
}));
const sendCommand = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand }));

let server: FakeServer;

beforeEach(async () => {
  fakeBrowser.reset();
  server = createFakeServer();
  vi.stubGlobal('fetch', server.fetch);
  const location = { mode: 'server', serverUrl: server.origin, token: server.signIn('olivia@example.com') } as const;
  await writeOrgLocation(location);
  orgLocation.value = location;
  orgView.value = ADMIN_VIEW;
  orgViewAsOf.value = undefined;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const page = () => render(<OrgPage>{(view) => <p>{view.me.name}’s console</p>}</OrgPage>);

describe('the org page on a team server', () => {
  it('offers to add a passkey, in a tab of its own', () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    page();
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/passkey\.html#register$/) });
  });

  it('says "as of" over the replica while the server cannot be reached, and still shows it', () => {
    orgViewAsOf.value = Date.UTC(2026, 10, 30, 14, 5);
    page();
    expect(screen.getByTestId('as-of').textContent).toMatch(/cannot be reached: this is the org as of/);
    screen.getByText('Olivia Owner’s console');
  });

  it('no "as of" on a fresh view', () => {
    page();
    expect(screen.queryByTestId('as-of')).toBeNull();
  });

  it('signs out on the server from the page, and forgets the token', async () => {
    page();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(async () => expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.origin }));
    expect(server.requests.map((r) => r.path)).toEqual(['/api/auth/sign-out']);
    expect(sendCommand).not.toHaveBeenCalled();
  });

  it('the trial has no passkeys', () => {
    orgLocation.value = { mode: 'trial' };
    page();
    expect(screen.queryByRole('button', { name: 'Add a passkey' })).toBeNull();
  });
});
