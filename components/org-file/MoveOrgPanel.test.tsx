import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readOrgLocation, writeOrgLocation } from '../../lib/backend/settings.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { answer, createFakeServer, refusal, type FakeServer } from '../../tests/doubles/team-server-api.ts';
import { anOrgFile } from '../../tests/fixtures/org-file.ts';
import { MoveOrgPanel } from './MoveOrgPanel.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

let server: FakeServer;
const TOKEN = 'AbCdEfGh1234';
const file = anOrgFile({ org: {} });
const owner = { ...file.members[0]!, id: 'server-id-1' };

beforeEach(async () => {
  fakeBrowser.reset();
  server = createFakeServer();
  vi.stubGlobal('fetch', server.fetch);
  fakeBrowser.permissions.request = vi.fn(async () => true) as never;
  await writeOrgLocation({ mode: 'trial' });
  send.mockReset();
  send.mockResolvedValue({ ok: true, value: file } as never);
  // The server's importOrg: the printed link once, for anyone.
  const links = new Set([TOKEN]);
  server.on(
    'importOrg',
    (input) => {
      const { token } = input as { token: string };
      if (!links.delete(token)) return refusal(403, 'not-invited', 'This owner link is unknown or was already used.');
      return answer({ signInAs: owner });
    },
    true,
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const type = (name: string | RegExp, value: string) =>
  fireEvent.input(screen.getByRole('textbox', { name }), { target: { value } });
const imports = () => server.requests.filter((r) => r.path === '/api/commands/importOrg');

describe('moving this org to a team server', () => {
  it('sends this browser’s export with the owner link, then the owner signs in there: this browser follows', async () => {
    render(<MoveOrgPanel />);
    type('Owner link from the team server', `  ${server.origin}/claim#${TOKEN} `);
    type('Org name on the team server', 'Acme');
    fireEvent.click(screen.getByRole('button', { name: 'Move the org' }));
    await screen.findByTestId('move-done');
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: [`${server.origin}/*`] });
    expect(send).toHaveBeenCalledWith('exportOrg', {});
    expect(imports().map((r) => r.body)).toEqual([{ token: TOKEN, orgName: 'Acme', file }]);
    // No secret left the browser: the file is the export's answer, as it came.
    expect(JSON.stringify(imports()[0]!.body)).not.toMatch(/secret/i);
    // Still the trial until the owner proves who they are.
    expect(await readOrgLocation()).toEqual({ mode: 'trial' });
    type('Code', server.outbox.get(owner.email)!);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(async () =>
      expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: server.origin, token: 'token-1' }),
    );
  });

  it('a used link says so; nothing changes here and nothing is emailed', async () => {
    render(<MoveOrgPanel />);
    type('Owner link from the team server', `${server.origin}/claim#UsedLink0000`);
    type('Org name on the team server', 'Acme');
    fireEvent.click(screen.getByRole('button', { name: 'Move the org' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already used/);
    expect(server.outbox.size).toBe(0);
    expect(await readOrgLocation()).toEqual({ mode: 'trial' });
    expect((screen.getByRole('textbox', { name: 'Org name on the team server' }) as HTMLInputElement).value).toBe(
      'Acme',
    );
  });

  it('a server refusing the file (too many members) says why, in the page’s words', async () => {
    server.on('importOrg', () => refusal(409, 'seats-full', 'The file holds 101 members.'), true);
    render(<MoveOrgPanel />);
    type('Owner link from the team server', `${server.origin}/claim#${TOKEN}`);
    type('Org name on the team server', 'Acme');
    fireEvent.click(screen.getByRole('button', { name: 'Move the org' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/seats are taken/);
    expect(await readOrgLocation()).toEqual({ mode: 'trial' });
  });

  it('something that is not an owner link is refused before anything is asked or sent', async () => {
    render(<MoveOrgPanel />);
    type('Owner link from the team server', server.origin);
    fireEvent.click(screen.getByRole('button', { name: 'Move the org' }));
    await screen.findByRole('alert');
    expect(fakeBrowser.permissions.request).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
    expect(server.requests).toEqual([]);
  });
});
