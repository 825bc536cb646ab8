import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../../lib/domain/activity.ts';
import { T0 } from '../../tests/fixtures/domain.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import type { CommandResponse } from '../../lib/messaging/protocol.ts';
import { anAdminView } from '../../tests/fixtures/admin-view.ts';
import { ActivityTab } from './ActivityTab.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

const LOG: ActivityEntry[] = [
  {
    seq: 4,
    at: T0 + 3000,
    actorId: 'olivia',
    kind: 'member-removed',
    memberId: 'gone',
    details: { email: '=cmd@example.com' },
  },
  { seq: 3, at: T0 + 2000, actorId: 'olivia', kind: 'access-granted', memberId: 'ana', details: { workspaceIds: [2] } },
  {
    seq: 2,
    at: T0 + 1000,
    actorId: 'olivia',
    kind: 'member-invited',
    memberId: 'ana',
    details: { email: 'ana@example.com' },
  },
  { seq: 1, at: T0, actorId: 'former-admin', kind: 'signed-in', memberId: 'former-admin' },
];
const answer = (entries: ActivityEntry[]): CommandResponse<'getActivity'> => ({ ok: true, value: entries });

beforeEach(() => {
  send.mockReset();
  send.mockResolvedValue(answer(LOG) as never);
});
afterEach(cleanup);

const rows = () =>
  screen.getAllByTestId('activity-row').map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent));

describe('ActivityTab', () => {
  it('loads the whole log with getActivity, then shows when, who and what, newest first', async () => {
    let resolve!: (value: CommandResponse<'getActivity'>) => void;
    send.mockReturnValue(new Promise((r) => (resolve = r)) as never);
    render(<ActivityTab view={anAdminView()} />);
    expect(screen.getByText('Loading the activity log…')).toBeTruthy();
    resolve(answer(LOG));
    await screen.findByRole('table');
    expect(send).toHaveBeenCalledWith('getActivity', {});
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['When', 'Who', 'What']);
    expect(rows()).toEqual([
      ['Olivia Owner', 'Removed =cmd@example.com from the org'],
      ['Olivia Owner', 'Granted Ana Rep Marketo access (workspaces: EMEA)'],
      ['Olivia Owner', 'Invited Ana Rep (ana@example.com)'],
      // Removed since: the raw id.
      ['former-admin', 'Signed in to Marketo Access'],
    ]);
    const time = screen.getAllByTestId('activity-row')[3]!.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(new Date(T0).toISOString());
    expect(time.textContent).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(T0),
    );
  });

  it('says when the log is empty', async () => {
    send.mockResolvedValue(answer([]) as never);
    render(<ActivityTab view={anAdminView()} />);
    expect(await screen.findByText('No activity yet.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a refusal, and reads again on Try again', async () => {
    send.mockResolvedValueOnce({
      ok: false,
      error: { code: 'no-answer', message: 'The extension’s background worker did not answer: reload the page.' },
    } as never);
    render(<ActivityTab view={anAdminView()} />);
    expect((await screen.findByRole('alert')).textContent).toContain('did not answer');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('reads the log again when the view announces a newer entry', async () => {
    const { rerender } = render(<ActivityTab view={anAdminView({ activity: LOG.slice(1) })} />);
    await screen.findByRole('table');
    rerender(<ActivityTab view={anAdminView({ activity: LOG })} />);
    await waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    rerender(<ActivityTab view={anAdminView({ activity: LOG })} />);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('filters by kind', async () => {
    render(<ActivityTab view={anAdminView()} />);
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'member-invited' } });
    expect(rows()).toEqual([['Olivia Owner', 'Invited Ana Rep (ana@example.com)']]);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'org-connected' } });
    expect(screen.getByText('No activity of this kind.')).toBeTruthy();
  });

  it('Export CSV downloads what the filter shows, as CSV text with formulas neutralised', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:activity';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    render(<ActivityTab view={anAdminView()} />);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.download).toMatch(/^marketo-access-activity-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(clicks[0]!.href).toBe('blob:activity');
    expect(clicks[0]!.isConnected).toBe(false);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const text = await blobs[0]!.text();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const table = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual(['Time (UTC)', 'Who', 'Who (id)', 'Kind', 'Member', 'Member (id)', 'What', 'Details']);
    expect(table).toHaveLength(5);
    expect(table[1]).toEqual([
      new Date(T0 + 3000).toISOString(),
      'Olivia Owner',
      'olivia',
      'member-removed',
      '',
      'gone',
      'Removed =cmd@example.com from the org',
      '{"email":"=cmd@example.com"}',
    ]);
    expect(table[3]?.[4]).toBe('Ana Rep');
  });

  it('exports only the kind chosen', async () => {
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:x'), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<ActivityTab view={anAdminView()} />);
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'signed-in' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const table = Papa.parse<string[]>((await blobs[0]!.text()).slice(1), { skipEmptyLines: true }).data;
    expect(table.slice(1).map((r) => r[3])).toEqual(['signed-in']);
  });

  it('draws a long log 200 rows at a time', async () => {
    const long = Array.from({ length: 450 }, (_, i): ActivityEntry => ({
      seq: 450 - i,
      at: T0 - i,
      actorId: 'olivia',
      kind: 'signed-in',
    }));
    send.mockResolvedValue(answer(long) as never);
    render(<ActivityTab view={anAdminView()} />);
    await screen.findByRole('table');
    expect(screen.getAllByTestId('activity-row')).toHaveLength(200);
    fireEvent.click(screen.getByRole('button', { name: 'Show 200 more' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(screen.getAllByTestId('activity-row')).toHaveLength(450);
    expect(screen.queryByRole('button', { name: /^Show \d+ more/ })).toBeNull();
  });
});
