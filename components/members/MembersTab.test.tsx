import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { anAdminView } from '../../tests/fixtures/admin-view.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { MembersTab } from './MembersTab.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

beforeEach(() => {
  send.mockReset();
  send.mockResolvedValue({ ok: true, value: aMember({ id: 'new' }) } as never);
});
afterEach(cleanup);

const inviteForm = () => screen.getByRole('form', { name: 'Invite a member' });
const row = (name: string) => screen.getAllByTestId('members-table-row').find((r) => r.textContent?.includes(name))!;

describe('MembersTab', () => {
  it('shows the seats and teams used, and the members with role, teams and status', () => {
    render(<MembersTab view={anAdminView()} />);
    expect(screen.getByTestId('seats-used').textContent).toBe('Seats used: 3 of 100');
    expect(screen.getByTestId('teams-used').textContent).toBe('Teams: 2 of 20');
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Email', 'Role', 'Teams', 'Status', 'Actions']);
    expect(
      within(row('Ana Rep'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['ana@example.com', 'User (sales rep)', 'Everyone, EMEA', 'Active', 'EditRemove']);
    expect(row('Bo Rep').textContent).toContain('Invited');
    // Nobody removes themselves.
    expect(within(row('Olivia Owner')).queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(row('Olivia Owner').textContent).toContain('(you)');
  });

  it('names the default team in the page’s language (stored as Everyone)', () => {
    useLocale('fr');
    render(<MembersTab view={anAdminView()} />);
    expect(within(row('Ana Rep')).getAllByRole('cell')[2]!.textContent).toBe('Tout le monde, EMEA');
    expect(
      within(screen.getByRole('form', { name: 'Inviter un membre' })).getByRole('checkbox', { name: 'Tout le monde' }),
    ).toBeTruthy();
    expect(screen.queryByText(/Everyone/)).toBeNull();
  });

  it('the one-by-one form’s "Invited: …" line goes once a CSV file is chosen', async () => {
    render(<MembersTab view={anAdminView()} />);
    const form = within(inviteForm());
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'Zoé Martin' } });
    fireEvent.input(form.getByLabelText('Email'), { target: { value: 'zoe@example.com' } });
    fireEvent.click(form.getByRole('button', { name: 'Invite' }));
    await screen.findByTestId('invite-outcome');
    fireEvent.change(screen.getByLabelText('CSV file'), {
      target: { files: [new File(['Name,Email\nKim,kim@example.com\n'], 'team.csv', { type: 'text/csv' })] },
    });
    await screen.findByRole('form', { name: 'Match the columns' });
    expect(screen.queryByTestId('invite-outcome')).toBeNull();
  });

  it('removing the connection’s owner says why it cannot be done and what to do instead, and sends nothing', () => {
    const base = anAdminView();
    const nadia = aMember({ id: 'nadia', name: 'Nadia New', role: 'admin', status: 'active' });
    render(<MembersTab view={{ ...base, me: nadia, members: [...base.members, nadia] }} />);
    fireEvent.click(within(row('Olivia Owner')).getByRole('button', { name: /Remove/ }));
    const dialog = screen.getByRole('dialog', { name: 'Olivia Owner cannot be removed yet' });
    expect(dialog.textContent).toContain('Olivia Owner made the org’s Marketo connection, and it belongs to them');
    expect(dialog.textContent).toContain('hand the connection over first (Marketo tab, three steps)');
    expect(within(dialog).queryByRole('button', { name: /^Remove/ })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Show the handover steps' }));
    expect(window.location.hash).toBe('#marketo');
    expect(send).not.toHaveBeenCalled();
  });

  it('says so when there is nobody yet', () => {
    const view = anAdminView();
    render(<MembersTab view={{ ...view, members: [] }} />);
    expect(screen.getByText(/^No members yet/)).toBeTruthy();
  });

  it('invites one member with a role and teams, says so, then clears the form', async () => {
    render(<MembersTab view={anAdminView()} />);
    const form = within(inviteForm());
    fireEvent.input(form.getByLabelText('Name'), { target: { value: '  Zoé   Martin ' } });
    fireEvent.input(form.getByLabelText('Email'), { target: { value: 'Zoe@Example.com' } });
    fireEvent.change(form.getByLabelText('Role'), { target: { value: 'admin' } });
    fireEvent.click(form.getByLabelText('EMEA'));
    fireEvent.input(form.getByLabelText('New teams'), { target: { value: 'Sales, APAC' } });
    expect(form.getByText('The org would have 4 teams, of at most 20.')).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenCalledWith('inviteMember', {
      name: 'Zoé Martin',
      email: 'zoe@example.com',
      role: 'admin',
      teams: ['Everyone', 'EMEA', 'Sales', 'APAC'],
    });
    await waitFor(() => expect((form.getByLabelText('Name') as HTMLInputElement).value).toBe(''));
    expect((form.getByLabelText('Everyone') as HTMLInputElement).checked).toBe(true);
    expect((form.getByLabelText('EMEA') as HTMLInputElement).checked).toBe(false);
    expect(form.getByRole('status').textContent).toBe('Invited: Zoé Martin (zoe@example.com).');
  });

  it.each([
    [
      'no name and a bad email',
      '',
      'ana@',
      [
        'Enter the member’s name.',
        'This is not a valid email address: check the part after the @ (for example example.com).',
      ],
    ],
    [
      'someone already a member',
      'Ana Again',
      'ANA@example.com',
      ['Someone on the team already has this email address.'],
    ],
  ])('lists every mistake at once without sending: %s', async (_case, name, email, messages) => {
    render(<MembersTab view={anAdminView()} />);
    const form = within(inviteForm());
    fireEvent.input(form.getByLabelText('Name'), { target: { value: name } });
    fireEvent.input(form.getByLabelText('Email'), { target: { value: email } });
    fireEvent.click(form.getByRole('button', { name: 'Invite' }));
    const alert = await form.findByRole('alert');
    for (const message of messages) expect(within(alert).getByText(message)).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
  });

  it('shows the worker’s refusal', async () => {
    send.mockResolvedValue({
      ok: false,
      error: { code: 'seats-full', message: 'All 100 seats are taken: remove a member before inviting another.' },
    });
    render(<MembersTab view={anAdminView()} />);
    const form = within(inviteForm());
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'Zoé' } });
    fireEvent.input(form.getByLabelText('Email'), { target: { value: 'zoe@example.com' } });
    fireEvent.click(form.getByRole('button', { name: 'Invite' }));
    expect((await form.findByRole('alert')).textContent).toBe(
      'All 100 seats are taken: remove a member before inviting another.',
    );
    expect((form.getByLabelText('Name') as HTMLInputElement).value).toBe('Zoé');
  });

  it('changes a member’s role and teams', async () => {
    render(<MembersTab view={anAdminView()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Ana Rep' }));
    const editor = within(screen.getByRole('form', { name: 'Role and teams of Ana Rep' }));
    expect(document.activeElement).toBe(editor.getByLabelText('Role'));
    fireEvent.change(editor.getByLabelText('Role'), { target: { value: 'admin' } });
    fireEvent.click(editor.getByLabelText('Everyone'));
    fireEvent.click(editor.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('updateMember', { memberId: 'ana', role: 'admin', teams: ['EMEA'] }),
    );
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Role and teams of Ana Rep' })).toBeNull());
  });

  it('Cancel or Escape leaves a member as they were', () => {
    render(<MembersTab view={anAdminView()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Bo Rep' }));
    fireEvent.click(
      within(screen.getByRole('form', { name: 'Role and teams of Bo Rep' })).getByRole('button', { name: 'Cancel' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit Bo Rep' }));
    fireEvent.keyDown(screen.getByLabelText('Role', { selector: 'select:not([name])' }), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: /Role and teams/ })).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it('an admin cannot change their own role here', () => {
    render(<MembersTab view={anAdminView()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Olivia Owner' }));
    const editor = within(screen.getByRole('form', { name: 'Role and teams of Olivia Owner' }));
    expect((editor.getByLabelText('Role') as HTMLSelectElement).disabled).toBe(true);
    expect(editor.getByText(/You cannot change your own role/)).toBeTruthy();
  });

  it('shows the worker’s refusal of a change in the editor', async () => {
    send.mockResolvedValue({
      ok: false,
      error: { code: 'teams-full', message: 'An org has at most 20 teams: pick existing teams instead of new ones.' },
    });
    render(<MembersTab view={anAdminView()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Bo Rep' }));
    const editor = within(screen.getByRole('form', { name: 'Role and teams of Bo Rep' }));
    fireEvent.click(editor.getByRole('button', { name: 'Save' }));
    expect((await editor.findByRole('alert')).textContent).toContain('at most 20 teams');
  });

  describe('removing a member', () => {
    it('asks first, naming them and their Marketo access; Keep removes nothing', () => {
      render(<MembersTab view={anAdminView()} />);
      fireEvent.click(screen.getByRole('button', { name: 'Remove Ana Rep' }));
      const dialog = screen.getByRole('dialog', { name: 'Remove Ana Rep from the team?' });
      expect(dialog.textContent).toContain(
        'Ana Rep (ana@example.com) leaves the team and frees a seat. Their Marketo access is removed too.',
      );
      fireEvent.click(within(dialog).getByRole('button', { name: 'Keep' }));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(send).not.toHaveBeenCalled();
    });

    it('says when there is no access to remove', () => {
      render(<MembersTab view={anAdminView()} />);
      fireEvent.click(screen.getByRole('button', { name: 'Remove Bo Rep' }));
      expect(screen.getByRole('dialog').textContent).toContain('They have no Marketo access');
    });

    it('removes after the confirmation', async () => {
      render(<MembersTab view={anAdminView()} />);
      fireEvent.click(screen.getByRole('button', { name: 'Remove Ana Rep' }));
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove Ana Rep' }));
      await waitFor(() => expect(send).toHaveBeenCalledWith('removeMember', { memberId: 'ana' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    });

    it('keeps the dialog open with the worker’s refusal', async () => {
      send.mockResolvedValue({
        ok: false,
        error: {
          code: 'remove-owner',
          message: 'Ana Rep made the org’s Marketo connection: another admin must connect the org first.',
        },
      });
      render(<MembersTab view={anAdminView()} />);
      fireEvent.click(screen.getByRole('button', { name: 'Remove Ana Rep' }));
      const dialog = within(screen.getByRole('dialog'));
      fireEvent.click(dialog.getByRole('button', { name: 'Remove Ana Rep' }));
      expect((await dialog.findByRole('alert')).textContent).toContain('made the org’s Marketo connection');
    });
  });
});
