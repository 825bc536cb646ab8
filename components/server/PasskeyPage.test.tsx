import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFakeServer, type FakeServer } from '../../tests/doubles/team-server-api.ts';
import { readOrgLocation, writeOrgLocation } from '../../lib/backend/settings.ts';
import { PasskeyPage } from './PasskeyPage.tsx';

// happy-dom has no WebAuthn: a stand-in authenticator with one credential.
vi.mock('@simplewebauthn/browser', async () =>
  (await import('../../tests/doubles/authenticator.ts')).standInAuthenticator(),
);

let server: FakeServer;

beforeEach(() => {
  fakeBrowser.reset();
  server = createFakeServer();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the passkey tab', () => {
  it('adds a passkey to the signed-in member, who then signs in with it on another day', async () => {
    const token = server.signIn('olivia@example.com');
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin, token });
    render(<PasskeyPage mode="register" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create a passkey' }));
    await screen.findByText('The passkey is added. You can close this tab.');
    expect(server.passkeys.get('cred-1')).toBe('olivia@example.com');
    cleanup();

    await writeOrgLocation({ mode: 'server', serverUrl: server.origin });
    render(<PasskeyPage mode="sign-in" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use my passkey' }));
    await screen.findByText('You are signed in. You can close this tab.');
    const location = await readOrgLocation();
    expect(location?.mode === 'server' && server.sessions.get(location.token ?? '')).toBe('olivia@example.com');
  });

  it('a passkey the server does not know says to use an emailed code', async () => {
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin });
    render(<PasskeyPage mode="sign-in" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use my passkey' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/emailed code/);
    await waitFor(async () => expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.origin }));
  });

  it('without a team server, or signed out for adding one, sends the person to the settings', async () => {
    render(<PasskeyPage mode="sign-in" />);
    await screen.findByText('Sign in to your team server from the settings first.');
    cleanup();
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin });
    render(<PasskeyPage mode="register" />);
    await screen.findByRole('link', { name: 'Open the settings' });
  });
});
