import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import type { OrgConnection } from '../../lib/domain/org-connection.ts';
import type { AdminView } from '../../lib/ui/views.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { MarketoTab } from './MarketoTab.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
afterEach(cleanup);

const olivia = aMember({ id: 'olivia', name: 'Olivia Owner', role: 'admin', status: 'active' });
const nadia = aMember({ id: 'nadia', name: 'Nadia New', email: 'nadia@example.com', role: 'admin', status: 'active' });
const view = (me: typeof olivia, connection: Partial<OrgConnection>): AdminView => ({
  me,
  org: { status: 'connected', connection: anOrg({ ownerId: 'olivia', ...connection }) },
  members: [olivia, nadia],
  grants: [],
  activity: [],
  admins: [],
  firstRun: false,
});
// The panel loads with the Marketo tab's other parts, when the tab is opened.
const shown = () => screen.findByTestId('handover');
const steps = () =>
  within(screen.getByTestId('handover'))
    .getAllByRole('listitem')
    .map((li) => `${li.getAttribute('data-state')} ${li.textContent}`);

describe('the handover, guided in three steps', () => {
  it('before it starts: the owner’s turn to remove the new admin’s access', async () => {
    render(<MarketoTab view={view(olivia, {})} />);
    await shown();
    expect(steps()).toEqual([
      'now Your turn: 1. Olivia Owner removes the access of the admin who takes over: User Access, select that admin, Remove access.',
      'later Then: 2. The admin whose access was removed connects the org here, in the Marketo tab, with their own Marketo API credentials.',
      'later Then: 3. Olivia Owner clicks Disconnect the org: that ends the handover, and members stay connected.',
    ]);
  });

  it('after step 1: the new admin sees it is their turn; the owner sees whom it waits for', async () => {
    const opened = { handoverTo: ['nadia'] };
    const { unmount } = render(<MarketoTab view={view(nadia, opened)} />);
    await shown();
    expect(steps()[0]).toMatch(/^done Done:/);
    expect(steps()[1]).toBe(
      'now Your turn: 2. Nadia New connects the org here, in the Marketo tab, with their own Marketo API credentials.',
    );
    unmount();
    render(<MarketoTab view={view(olivia, opened)} />);
    await shown();
    expect(steps()[1]).toMatch(/^now Waiting for Nadia New: 2\. Nadia New connects/);
  });

  it('after step 2: the old owner’s Disconnect ends the handover, and says members keep their access', async () => {
    render(<MarketoTab view={view(olivia, { ownerId: 'nadia', previousOwnerId: 'olivia' })} />);
    await shown();
    expect(steps().map((s) => s.split(' ')[0])).toEqual(['done', 'done', 'now']);
    expect(steps()[2]).toMatch(/^now Your turn: 3\. Olivia Owner clicks Disconnect/);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect the org' }));
    expect(screen.getByRole('dialog').textContent).toContain('This ends the handover');
  });

  it('in French too', async () => {
    useLocale('fr');
    render(<MarketoTab view={view(nadia, { handoverTo: ['nadia'] })} />);
    await shown();
    expect(steps()[1]).toMatch(/^now À vous\u00a0: 2\. Nadia New connecte l’organisation ici/);
  });
});
