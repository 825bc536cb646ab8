import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg } from '../tests/fixtures/domain.ts';
import { RepStatus } from './RepStatus.tsx';
import type { SignedInView } from '../lib/ui/views.ts';

const ana = aMember({ id: 'ana', name: 'Ana Rep' });
const view = (overrides: Partial<SignedInView> = {}): SignedInView => ({
  me: ana,
  org: { status: 'connected', connection: anOrg() },
  members: [ana],
  grants: [],
  activity: [],
  admins: [{ name: 'Olivia Owner', email: 'olivia@example.com' }],
  firstRun: false,
  ...overrides,
});

afterEach(cleanup);

describe('a rep’s status card', () => {
  it('granted: since when, which workspaces, what it unlocks', () => {
    render(<RepStatus view={view({ grants: [aGrant('ana', [2, 3])] })} />);
    expect(screen.getByTestId('rep-status').textContent).toMatch(/^Connected since /);
    expect(screen.getByText('Workspaces: EMEA, North America')).toBeTruthy();
    expect(screen.getByText('Interesting Moments in the Live Feed')).toBeTruthy();
    expect(screen.getByText('Marketing Campaigns: add people to Marketo campaigns')).toBeTruthy();
  });

  it('granted with no workspace chosen: Default', () => {
    render(<RepStatus view={view({ grants: [aGrant('ana', [])] })} />);
    expect(screen.getByText('Workspaces: Default')).toBeTruthy();
  });

  it('no access: who to ask, with a mail link', () => {
    render(<RepStatus view={view()} />);
    expect(screen.getByTestId('rep-status').textContent).toBe('You are not connected to Marketo yet.');
    const link = screen.getByRole('link', { name: 'olivia@example.com' });
    expect(link.getAttribute('href')).toBe('mailto:olivia%40example.com');
  });
});
