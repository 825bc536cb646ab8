import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { anAdminView } from '../../tests/fixtures/admin-view.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { orgLocation } from '../../lib/ui/org-location.ts';
import { MembersTab } from './MembersTab.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

const T = Date.UTC(2026, 11, 1, 9, 30);
let tokens: { id: string; name: string; createdAt: number; lastUsedAt?: number }[];

beforeEach(() => {
  tokens = [{ id: 't1', name: 'Okta', createdAt: T, lastUsedAt: T + 60_000 }];
  send.mockReset();
  send.mockImplementation((async (name: string, input: { name?: string; tokenId?: string }) => {
    if (name === 'listDirectoryTokens') return { ok: true, value: { tokens: [...tokens] } };
    if (name === 'createDirectoryToken') {
      const token = { id: 't2', name: input.name!, createdAt: T };
      tokens.push(token);
      return { ok: true, value: { token, secret: 'mascim_SECRET' } };
    }
    if (name === 'revokeDirectoryToken') {
      const found = tokens.find((t) => t.id === input.tokenId)!;
      tokens = tokens.filter((t) => t !== found);
      return { ok: true, value: found };
    }
    return { ok: false, error: { code: 'unknown-command', message: name } };
  }) as never);
  orgLocation.value = { mode: 'server', serverUrl: 'https://team.example.com/' };
});
afterEach(() => {
  cleanup();
  orgLocation.value = 'loading';
});

const directoryView = () =>
  anAdminView({
    members: [
      ...anAdminView().members,
      aMember({ id: 'dee', name: 'Dee Directory', email: 'dee@example.com', source: 'directory', status: 'active' }),
      aMember({ id: 'gil', name: 'Gil Gone', email: 'gil@example.com', source: 'directory', status: 'deactivated' }),
    ],
  });
const row = (name: string) => screen.getAllByTestId('members-table-row').find((r) => r.textContent?.includes(name))!;

describe('the Team tab and the company directory', () => {
  it('marks members from the directory and lists the deactivated ones, who hold no seat', () => {
    render(<MembersTab view={directoryView()} />);
    expect(within(row('Dee Directory')).getByTestId('directory-mark').textContent).toBe(' · managed by your directory');
    expect(within(row('Ana Rep')).queryByTestId('directory-mark')).toBeNull();
    expect(row('Gil Gone').textContent).toContain('Deactivated');
    expect(row('Gil Gone').className).toBe('member-deactivated');
    // Olivia, Ana, Bo and Dee: Gil's seat is free.
    expect(screen.getByTestId('seats-used').textContent).toBe('Seats used: 4 of 100');
  });

  it('says so in French', () => {
    useLocale('fr');
    render(<MembersTab view={directoryView()} />);
    expect(within(row('Dee Directory')).getByTestId('directory-mark').textContent).toBe(' · géré par votre annuaire');
    expect(row('Gil Gone').textContent).toContain('Désactivé');
  });

  it('the edit form says the name is the directory’s', () => {
    render(<MembersTab view={directoryView()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Dee Directory' }));
    expect(screen.getByText(/Name and email are managed by your company directory/)).toBeTruthy();
  });
});

describe('the owner’s SCIM tokens', () => {
  it('gives the base URL, shows a new token once with a copy button, lists tokens with last use, revokes', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<MembersTab view={anAdminView()} />);
    const panel = within(await screen.findByTestId('directory-tokens'));
    expect((panel.getByTestId('scim-base-url') as HTMLInputElement).value).toBe('https://team.example.com/scim/v2');
    const list = within(await panel.findByTestId('scim-tokens'));
    expect(list.getAllByRole('row').map((r) => r.textContent)).toEqual([
      'NameCreatedLast usedRevoke',
      expect.stringMatching(/^Okta.*2026.*2026.*Revoke$/),
    ]);

    fireEvent.input(panel.getByLabelText('Token name'), { target: { value: 'Entra ID' } });
    fireEvent.click(panel.getByRole('button', { name: 'Create token' }));
    const secret = within(await panel.findByTestId('scim-secret'));
    expect(secret.getByText('Token “Entra ID”: copy it now')).toBeTruthy();
    expect((secret.getByLabelText('New token (shown once)') as HTMLInputElement).value).toBe('mascim_SECRET');
    fireEvent.click(secret.getByRole('button', { name: 'Copy token' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('mascim_SECRET'));
    await secret.findByText('Copied.');
    await waitFor(() => expect(list.getAllByRole('row')).toHaveLength(3));
    expect(list.getAllByRole('row')[2]!.textContent).toContain('Never');
    // Done: the secret is gone from the page for good.
    fireEvent.click(secret.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('mascim_SECRET')).toBeNull();
    expect(screen.queryByDisplayValue('mascim_SECRET')).toBeNull();

    fireEvent.click(list.getByRole('button', { name: 'Revoke the token “Okta”' }));
    await panel.findByText('Token “Okta” revoked: the directory can no longer use it.');
    await waitFor(() => expect(list.getAllByRole('row')).toHaveLength(2));
    expect(send).toHaveBeenCalledWith('revokeDirectoryToken', { tokenId: 't1' });
  });

  it('shows the refusal in the page’s language', async () => {
    useLocale('fr');
    send.mockImplementation((async (name: string) =>
      name === 'createDirectoryToken'
        ? { ok: false, error: { code: 'token-name-duplicate', message: 'taken', field: 'name' } }
        : { ok: true, value: { tokens: [] } }) as never);
    render(<MembersTab view={anAdminView()} />);
    const panel = within(await screen.findByTestId('directory-tokens'));
    await panel.findByTestId('scim-no-tokens');
    fireEvent.input(panel.getByLabelText('Nom du jeton'), { target: { value: 'Okta' } });
    fireEvent.click(panel.getByRole('button', { name: 'Créer un jeton' }));
    await panel.findByText(/^Un jeton porte déjà ce nom.: choisissez-en un autre\.$/);
  });

  it('only the owner of a team server’s org sees it', async () => {
    render(<MembersTab view={anAdminView({ me: aMember({ id: 'ana', role: 'admin' }) })} />);
    await screen.findAllByTestId('members-table-row');
    expect(screen.queryByTestId('directory-tokens')).toBeNull();
    cleanup();
    orgLocation.value = { mode: 'trial' };
    render(<MembersTab view={anAdminView()} />);
    await screen.findAllByTestId('members-table-row');
    expect(screen.queryByTestId('directory-tokens')).toBeNull();
  });
});
