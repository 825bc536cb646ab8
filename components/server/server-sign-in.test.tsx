import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFakeServer, type FakeServer } from '../../tests/doubles/team-server-api.ts';
import { readOrgLocation, writeOrgLocation } from '../../lib/backend/settings.ts';
import { ClaimOrgForm } from './ClaimOrgForm.tsx';
import { ServerSignIn } from './ServerSignIn.tsx';

let server: FakeServer;

beforeEach(async () => {
  fakeBrowser.reset();
  server = createFakeServer();
  vi.stubGlobal('fetch', server.fetch);
  fakeBrowser.permissions.request = vi.fn(async () => true) as never;
  await writeOrgLocation({ mode: 'server', serverUrl: server.origin });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const type = (name: string | RegExp, value: string) =>
  fireEvent.input(screen.getByRole('textbox', { name }), { target: { value } });

describe('signing in to the team server', () => {
  it('email, then the emailed code: the session is kept for the worker and the pages', async () => {
    render(<ServerSignIn serverUrl={server.origin} />);
    type('Work email', 'Olivia@Example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Email me a code' }));
    await screen.findByText(
      'If an org on this server invited olivia@example.com, a code is on its way there. It works once, for a few minutes.',
    );
    type('Code', server.outbox.get('olivia@example.com')!);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(async () =>
      expect(
        (await readOrgLocation())?.mode === 'server' && ((await readOrgLocation()) as { token?: string }).token,
      ).toBe('token-1'),
    );
  });

  it('a wrong code says so, keeps the email, and a new code can be asked for', async () => {
    render(<ServerSignIn serverUrl={server.origin} sentTo="olivia@example.com" />);
    type('Code', '000000');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not right, or it has expired/);
    fireEvent.click(screen.getByRole('button', { name: 'Send a new code' }));
    await waitFor(() => expect(server.outbox.has('olivia@example.com')).toBe(true));
    expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.origin });
  });

  it('a server that cannot be reached changes nothing and says so', async () => {
    server.fault('network');
    render(<ServerSignIn serverUrl={server.origin} />);
    type('Work email', 'olivia@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Email me a code' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be reached: nothing was changed/);
  });

  it('offers a passkey, which opens a tab of its own', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    render(<ServerSignIn serverUrl={server.origin} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/passkey\.html#sign-in$/) });
  });

  it('can go back to the first-run choice', async () => {
    render(<ServerSignIn serverUrl={server.origin} />);
    fireEvent.click(screen.getByRole('button', { name: 'Change where the org lives' }));
    await waitFor(async () => expect(await readOrgLocation()).toBeUndefined());
  });
});

describe('claiming the org with the owner’s link', () => {
  it('creates the org, emails the owner a code, and signs them in', async () => {
    server.claimable('AbCdEfGh1234');
    render(<ClaimOrgForm claim={{ serverUrl: server.origin, token: 'AbCdEfGh1234' }} />);
    type('Org name', 'Acme');
    type('Name', 'Olivia Owner');
    type('Work email', 'olivia@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Create the org' }));
    await screen.findByText(/If an org on this server invited olivia@example.com/);
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: [`${server.origin}/*`] });
    type('Code', server.outbox.get('olivia@example.com')!);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(async () =>
      expect(await readOrgLocation()).toMatchObject({ mode: 'server', serverUrl: server.origin, token: 'token-1' }),
    );
  });

  it('a used link says so and keeps what was typed', async () => {
    render(<ClaimOrgForm claim={{ serverUrl: server.origin, token: 'used-token-1' }} />);
    type('Org name', 'Acme');
    type('Name', 'Olivia Owner');
    type('Work email', 'olivia@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Create the org' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already used/);
    expect((screen.getByRole('textbox', { name: 'Org name' }) as HTMLInputElement).value).toBe('Acme');
  });
});
