import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aGrant, aMember, anOrg, T0 } from '../../tests/fixtures/domain.ts';
import type { Member } from '../../lib/domain/member.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import type { AdminView } from '../../lib/ui/views.ts';
import { UserAccessTab } from './UserAccessTab.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

const me = aMember({ id: 'olivia', name: 'Olivia Owner', role: 'admin' });
const someMembers = (n: number): Member[] =>
  Array.from({ length: n }, (_, i) =>
    aMember({ id: `m${String(i).padStart(5, '0')}`, name: `Member ${String(i).padStart(5, '0')}` }),
  );

function viewOf(members: Member[], overrides: Partial<AdminView> = {}): AdminView {
  return {
    me,
    org: { status: 'connected', connection: anOrg({ ownerId: 'olivia' }) },
    members: [me, ...members],
    grants: [],
    activity: [],
    admins: [],
    firstRun: false,
    ...overrides,
  };
}

const rowOf = (name: string) => screen.getByText(name).closest('tr')!;
const click = (name: string, shiftKey = false) =>
  fireEvent.click(within(rowOf(name)).getByRole('checkbox'), { shiftKey });

// The actions and the console's filters come in chunks of their own, after the list: loaded once
// here (as a first opening would), so each test starts from a page that has them.
beforeAll(async () => {
  render(<UserAccessTab view={viewOf(someMembers(1))} />);
  await screen.findByRole('group', { name: 'Actions on the selected members' });
  await screen.findByRole('searchbox');
  cleanup();
});

beforeEach(() => {
  vi.useFakeTimers({ now: T0 + 11 * 60_000, toFake: ['Date'] });
  send.mockReset();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('User Access', () => {
  it('shift-click selects the range shown, and the preview lists who is granted access', () => {
    render(<UserAccessTab view={viewOf(someMembers(5))} />);
    click('Member 00001');
    click('Member 00003', true);
    expect(screen.getByText('6 members, 6 shown, 3 selected')).toBeTruthy();
    expect(screen.getByTestId('grant-preview').textContent).toContain(
      '3 members will be connected: Member 00001, Member 00002, Member 00003',
    );
    expect(screen.getByRole('button', { name: 'Connect (3)' })).toHaveProperty('disabled', false);
  });

  it('says why members are skipped and does not offer to grant them access', () => {
    render(<UserAccessTab view={viewOf(someMembers(2), { grants: [aGrant('m00000', [2])] })} />);
    click('Member 00000');
    expect(screen.getByTestId('skip-reason').textContent).toContain('1 skipped: Member 00000: already connected');
    expect(screen.getByRole('button', { name: 'Connect', exact: true })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Change workspaces (1)' })).toHaveProperty('disabled', false);
  });

  it('during the waiting period Connect is disabled and says when it will be available', () => {
    vi.setSystemTime(T0 + 7 * 60_000);
    render(<UserAccessTab view={viewOf(someMembers(2))} />);
    click('Member 00000');
    expect(screen.getByRole('button', { name: 'Connect', exact: true })).toHaveProperty('disabled', true);
    expect(screen.getByText('Connect is available when the waiting period ends, in 03:00.')).toBeTruthy();
    // The wait is said once: a ticked member is not listed as "skipped" for it.
    expect(screen.queryByTestId('grant-preview')).toBeNull();
    expect(screen.queryByText(/skipped/)).toBeNull();
    // No count of zero on any button: "Connect", not "Connect 0" beside "Remove access (0)".
    expect(screen.getAllByRole('button').map((b) => b.textContent)).not.toContainEqual(expect.stringMatching(/\b0\b/));
  });

  it('shows the workspace picker only when the subscription has workspaces, and says Default is used otherwise', () => {
    const { unmount } = render(<UserAccessTab view={viewOf(someMembers(1))} />);
    expect(screen.getByRole('group', { name: 'Workspaces for this connection' })).toBeTruthy();
    expect(screen.getByText('None chosen: the Default workspace is used.')).toBeTruthy();
    unmount();
    render(
      <UserAccessTab
        view={viewOf(someMembers(1), {
          org: {
            status: 'connected',
            connection: anOrg({ ownerId: 'olivia', workspacesEnabled: false, workspaces: [] }),
          },
        })}
      />,
    );
    expect(screen.queryByRole('group', { name: 'Workspaces for this connection' })).toBeNull();
  });

  it('grants access to a large selection in chunks and reports the total', async () => {
    send.mockImplementation(async (_command, input) => {
      const ids = (input as { memberIds: string[] }).memberIds;
      return {
        ok: true,
        value: {
          entries: ids.map((memberId) => ({ memberId, outcome: 'grant', workspaceIds: [] })),
          granted: ids.length,
        },
      } as never;
    });
    render(<UserAccessTab view={viewOf(someMembers(600))} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect (601)' }));
    fireEvent.click(
      within(screen.getByRole('dialog', { name: 'Connect to Marketo?' })).getByRole('button', { name: 'Connect' }),
    );
    expect(await screen.findByText('601 members connected.')).toBeTruthy();
    expect(
      send.mock.calls.map(([command, input]) => [command, (input as { memberIds: string[] }).memberIds.length]),
    ).toEqual([
      ['grantAccess', 250],
      ['grantAccess', 250],
      ['grantAccess', 101],
    ]);
  });

  describe('confirmed actions', () => {
    const granted = (ids: string[]) =>
      ({
        ok: true,
        value: {
          entries: ids.map((memberId) => ({ memberId, outcome: 'grant', workspaceIds: [2] })),
          granted: ids.length,
        },
      }) as never;
    const workspace = (name: string) =>
      within(screen.getByRole('group', { name: 'Workspaces for this connection' })).getByRole('checkbox', { name });

    it('Connect asks once, naming the members, how many, which workspaces, and that workspaces are set once', async () => {
      send.mockImplementation(async (_command, input) => granted((input as { memberIds: string[] }).memberIds));
      render(<UserAccessTab view={viewOf(someMembers(3))} />);
      click('Member 00000');
      click('Member 00001');
      fireEvent.click(workspace('EMEA'));
      const grantButton = screen.getByRole('button', { name: 'Connect (2)' });
      grantButton.focus();
      fireEvent.click(grantButton);
      const dialog = screen.getByRole('dialog', { name: 'Connect to Marketo?' });
      expect(dialog.textContent).toBe(
        'Connect to Marketo?Connect 2 members to Marketo, with: EMEA?Member 00000Member 00001Workspaces are set once: to change them later, access is removed and granted again.ConnectCancel',
      );
      expect(send).not.toHaveBeenCalled();
      // Focus moved into the dialog, on its confirm button.
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Connect' }));
      fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
      expect(await screen.findByText('2 members connected.')).toBeTruthy();
      expect(send).toHaveBeenCalledWith('grantAccess', { memberIds: ['m00000', 'm00001'], workspaceIds: [2] });
    });

    it('Cancel and Escape send nothing and give focus back to the button that asked', () => {
      render(<UserAccessTab view={viewOf(someMembers(2))} />);
      click('Member 00000');
      const grantButton = screen.getByRole('button', { name: 'Connect (1)' });
      grantButton.focus();
      fireEvent.click(grantButton);
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(document.activeElement).toBe(grantButton);
      fireEvent.click(grantButton);
      // What the browser fires on Escape for a modal dialog.
      fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(send).not.toHaveBeenCalled();
    });

    it('after an action the selection, the workspace picks and the preview reset; the result line is that action’s until the next selection', async () => {
      send.mockImplementation(async (_command, input) => granted((input as { memberIds: string[] }).memberIds));
      render(<UserAccessTab view={viewOf(someMembers(2))} />);
      click('Member 00000');
      fireEvent.click(workspace('EMEA'));
      fireEvent.click(screen.getByRole('button', { name: 'Connect (1)' }));
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Connect' }));
      expect((await screen.findByTestId('action-outcome')).textContent).toBe('1 member connected.');
      // Keyboard users land on what the action did, not on the disabled button.
      await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('action-outcome')));
      expect(screen.getByText('3 members, 3 shown, 0 selected')).toBeTruthy();
      expect(workspace('EMEA')).toHaveProperty('checked', false);
      expect(screen.queryByTestId('grant-preview')).toBeNull();
      click('Member 00001');
      expect(screen.queryByTestId('action-outcome')).toBeNull();
    });

    it('Remove access asks in the page, and the Connect preview is not shown while it asks', async () => {
      send.mockResolvedValue({ ok: true, value: { removed: ['m00000'], notGranted: [] } } as never);
      render(<UserAccessTab view={viewOf(someMembers(2), { grants: [aGrant('m00000', [2])] })} />);
      click('Member 00000');
      expect(screen.getByTestId('grant-preview')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Remove access (1)' }));
      const dialog = screen.getByRole('dialog', { name: 'Remove Marketo access?' });
      expect(dialog.textContent).toContain('Remove Marketo access from 1 member?');
      // Destructive: focus starts on Cancel.
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByTestId('grant-preview')).toBeNull();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove access' }));
      expect((await screen.findByTestId('action-outcome')).textContent).toBe('Access removed for 1 member.');
      expect(send).toHaveBeenCalledWith('removeAccess', { memberIds: ['m00000'] });
    });

    it('Change workspaces names the new workspaces, and never reuses the picks of an earlier action', async () => {
      send.mockImplementation(async (_command, input) => granted((input as { memberIds: string[] }).memberIds));
      render(<UserAccessTab view={viewOf(someMembers(2), { grants: [aGrant('m00000', [2])] })} />);
      click('Member 00001');
      fireEvent.click(workspace('EMEA'));
      fireEvent.click(screen.getByRole('button', { name: 'Connect (1)' }));
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Connect' }));
      await screen.findByTestId('action-outcome');
      click('Member 00000');
      fireEvent.click(screen.getByRole('button', { name: 'Change workspaces (1)' }));
      expect(screen.getByRole('dialog').textContent).toContain(
        'Change the workspaces of 1 connected member to: the Default workspace?',
      );
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Change workspaces' }));
      await waitFor(() =>
        expect(send).toHaveBeenLastCalledWith('changeWorkspaces', { memberIds: ['m00000'], workspaceIds: [] }),
      );
    });
  });

  it('windows 10,000 members: only the rows in view are in the page', () => {
    render(<UserAccessTab view={viewOf(someMembers(10_000))} />);
    const rows = screen.getAllByTestId('member-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('10002');
  });

  it('while only the first screen of a large org is loaded, it says so and "select all" waits', () => {
    render(<UserAccessTab view={{ ...viewOf(someMembers(40)), membersTotal: 10_000 }} />);
    expect(screen.getByText('Loading all 10,000 members…')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Select all shown' })).toHaveProperty('disabled', true);
  });

  it('search narrows the list; nothing found says so', () => {
    render(<UserAccessTab view={viewOf(someMembers(3))} />);
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: '00002' } });
    expect(screen.getAllByTestId('member-row')).toHaveLength(1);
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'nobody' } });
    expect(screen.getByText('No member matches this search.')).toBeTruthy();
  });

  it('names render as text, never as markup', () => {
    const evil = aMember({ id: 'x', name: '<img src=x onerror="alert(1)">', email: 'x@example.com' });
    const { container } = render(<UserAccessTab view={viewOf([evil])} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)">')).toBeTruthy();
  });
});
