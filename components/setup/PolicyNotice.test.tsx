import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readOrgLocation } from '../../lib/backend/settings.ts';
import { serverPolicy } from '../../lib/ui/org-location.ts';
import { PolicyNotice } from './PolicyNotice.tsx';

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.permissions.request = vi.fn(async () => true) as never;
});
afterEach(() => {
  cleanup();
  serverPolicy.value = { locked: false };
});

describe('IT locks another server while someone is signed in', () => {
  const signedIn = { mode: 'server' as const, serverUrl: 'https://old.example.com', token: 'bearer-1' };

  it('says so without signing anyone out, and moves only when the person asks', async () => {
    serverPolicy.value = { serverUrl: 'https://new.example.com', locked: true };
    render(<PolicyNotice location={signedIn} />);
    expect(screen.getByTestId('policy-notice').textContent).toContain(
      'Your IT department now sets the team server to https://new.example.com. You stay signed in to https://old.example.com until you move.',
    );
    expect(await readOrgLocation()).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Use that server' }));
    await waitFor(async () =>
      expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: 'https://new.example.com' }),
    );
  });

  it('says nothing when the lock names the server already in use, or when nothing is locked', () => {
    serverPolicy.value = { serverUrl: 'https://old.example.com', locked: true };
    const { unmount } = render(<PolicyNotice location={signedIn} />);
    expect(screen.queryByTestId('policy-notice')).toBeNull();
    unmount();
    serverPolicy.value = { serverUrl: 'https://new.example.com', locked: false };
    render(<PolicyNotice location={signedIn} />);
    expect(screen.queryByTestId('policy-notice')).toBeNull();
  });
});
