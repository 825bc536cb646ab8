import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { anAdminView } from '../../tests/fixtures/admin-view.ts';
import { Console } from './Console.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn(async () => ({ ok: true, value: [] })) }));

beforeEach(() => history.replaceState(null, '', '#'));
afterEach(cleanup);

describe('the admin console', () => {
  it('opens on User Access, and the arrow keys move between tabs, keeping the tab in the URL', () => {
    render(<Console view={anAdminView()} />);
    const access = screen.getByRole('tab', { name: 'User Access' });
    expect(access.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(access, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Team Management' }).getAttribute('aria-selected')).toBe('true');
    expect(location.hash).toBe('#members');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Team Management' }), { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'User Access' }), { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Marketo' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-marketo');
  });

  it('a link to the members tab as earlier builds named it (#team) opens it', () => {
    history.replaceState(null, '', '#team');
    render(<Console view={anAdminView()} />);
    expect(screen.getByRole('tab', { name: 'Team Management' }).getAttribute('aria-selected')).toBe('true');
  });

  it('only the selected tab is reachable with Tab', () => {
    render(<Console view={anAdminView()} />);
    const tabIndexes = screen.getAllByRole('tab').map((tab) => tab.getAttribute('tabindex'));
    expect(tabIndexes).toEqual(['-1', '0', '-1', '-1']);
  });

  it('says when bulk changes were set aside, and only then', () => {
    render(<Console view={{ ...anAdminView(), setAside: 2 }} />);
    expect(screen.getByTestId('set-aside').textContent).toContain('2 bulk change');
    cleanup();
    render(<Console view={anAdminView()} />);
    expect(screen.queryByTestId('set-aside')).toBeNull();
  });
});
