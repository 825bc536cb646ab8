import { act, cleanup, render, screen } from '@testing-library/preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeOrgLocation } from '../../lib/backend/settings.ts';
import { orgLocation } from '../../lib/ui/org-location.ts';
import { orgView } from '../../lib/ui/org-state.ts';
import type { OrgView } from '../../lib/backend/port.ts';
import { OrgLocationGate } from './OrgLocationGate.tsx';

// No trial org in this browser: the first-run question is asked.
vi.mock('../../lib/backend/trial/page/first-paint.ts', () => ({ readOrgViewFast: vi.fn(async () => undefined) }));

beforeEach(() => {
  fakeBrowser.reset();
  orgLocation.value = 'loading';
  history.replaceState(null, '', '/options.html');
});
afterEach(cleanup);

const gate = (page: 'options' | 'popup' = 'options') =>
  render(
    <OrgLocationGate page={page}>
      <p>the org</p>
    </OrgLocationGate>,
  );

describe('before the org’s pages', () => {
  it('a first run asks where the org lives on the options page, and points the popup there', async () => {
    gate();
    await screen.findByRole('heading', { name: 'Where does your org live?' });
    cleanup();
    orgLocation.value = 'loading';
    gate('popup');
    await screen.findByRole('link', { name: 'Open the settings' });
  });

  it('the first run answered, what the org’s page reads at once stays shown (no reset after it)', async () => {
    gate();
    cleanup();
    orgLocation.value = 'loading';
    // The org's page reads before the first paint, as OrgPage does; its answer may come before any effect runs.
    const Page = () => {
      useLayoutEffect(() => void Promise.resolve().then(() => (orgView.value = { firstRun: true } as OrgView)), []);
      return <p>{orgView.value ? 'the org as read' : 'Loading…'}</p>;
    };
    render(
      <OrgLocationGate page="options">
        <Page />
      </OrgLocationGate>,
    );
    await screen.findByRole('heading', { name: 'Where does your org live?' });
    await writeOrgLocation({ mode: 'trial' });
    await screen.findByText('the org as read');
    // Every effect of that commit has run: the view is still there.
    await act(async () => {});
    expect(screen.getByText('the org as read')).toBeTruthy();
  });

  it('the trial shows the org', async () => {
    await writeOrgLocation({ mode: 'trial' });
    gate();
    await screen.findByText('the org');
  });

  it('a person in several orgs of the server chooses one before the org shows; the org shown is the chosen one’s', async () => {
    const orgs = [
      { orgId: 'alpha', orgName: 'Alpha', role: 'admin' as const },
      { orgId: 'bravo', orgName: 'Bravo', role: 'user' as const },
    ];
    const server = { mode: 'server' as const, serverUrl: 'https://access.example.com', token: 't', orgs };
    await writeOrgLocation({ ...server, orgId: 'alpha', choose: true });
    gate();
    await screen.findByRole('heading', { name: 'Choose an org' });
    expect(screen.getByRole('button', { name: 'Alpha (Admin)' }).getAttribute('aria-current')).toBe('true');
    screen.getByRole('button', { name: 'Bravo (User)' });
    expect(screen.queryByText('the org')).toBeNull();
    await writeOrgLocation({ ...server, token: 't2', orgId: 'bravo' });
    await screen.findByText('the org');
  });

  it('a team server asks to sign in until this browser has a session, then shows the org', async () => {
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com' });
    gate();
    await screen.findByRole('heading', { name: 'Sign in to your team' });
    screen.getByText('Team server: https://access.example.com');
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com', token: 't' });
    await screen.findByText('the org');
  });

  it('a trial whose org moved to a team server, signed in there at once, starts the org’s page afresh', async () => {
    await writeOrgLocation({ mode: 'trial' });
    let mounts = 0;
    const Page = () => {
      // Counted once per mount: a page that follows the org starts following where it now lives.
      useState(() => ++mounts);
      return <p>the org</p>;
    };
    render(
      <OrgLocationGate page="options">
        <Page />
      </OrgLocationGate>,
    );
    await screen.findByText('the org');
    expect(mounts).toBe(1);
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com', token: 't' });
    await vi.waitFor(() => expect(mounts).toBe(2));
    screen.getByText('the org');
  });

  it('the options page opened with the owner’s link offers to create the org, and takes the token out of the address bar', async () => {
    history.replaceState(
      null,
      '',
      `/options.html#claim=AbCdEfGh1234&server=${encodeURIComponent('https://access.example.com')}`,
    );
    gate();
    await screen.findByRole('heading', { name: 'Create your org on the team server' });
    screen.getByText(/a new org on https:\/\/access.example.com/);
    expect(location.hash).toBe('');
  });

  it('once the owner signs in after creating the org, the org shows instead of the claim form', async () => {
    history.replaceState(
      null,
      '',
      `/options.html#claim=AbCdEfGh1234&server=${encodeURIComponent('https://access.example.com')}`,
    );
    gate();
    await screen.findByRole('heading', { name: 'Create your org on the team server' });
    // The claim's sign-in (ClaimOrgForm > ServerSignIn) keeps the new session.
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com', token: 'new-session' });
    await screen.findByText('the org');
    expect(screen.queryByRole('heading', { name: 'Create your org on the team server' })).toBeNull();
  });

  it('a session this browser already had does not hide the owner’s link', async () => {
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com', token: 'old-session' });
    history.replaceState(
      null,
      '',
      `/options.html#claim=AbCdEfGh1234&server=${encodeURIComponent('https://access.example.com')}`,
    );
    gate();
    await screen.findByRole('heading', { name: 'Create your org on the team server' });
    expect(screen.queryByText('the org')).toBeNull();
  });
});
