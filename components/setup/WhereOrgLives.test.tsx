import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readOrgLocation } from '../../lib/backend/settings.ts';
import { serverPolicy } from '../../lib/ui/org-location.ts';
import { WhereOrgLives } from './WhereOrgLives.tsx';

let request: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  serverPolicy.value = { locked: false };
  // fakeBrowser's permissions.* throw: stand in for the browser's prompt.
  request = vi.fn(async () => true);
  fakeBrowser.permissions.request = request as never;
});
afterEach(cleanup);

const address = () => screen.getByRole('textbox', { name: 'Team server address' }) as HTMLInputElement;
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Use this server' }));

describe('the first-run question: where does the org live?', () => {
  it('offers the team server first, and labels this browser as a trial whose roles are not protected', () => {
    render(<WhereOrgLives />);
    expect((screen.getByRole('radio', { name: /Team server/ }) as HTMLInputElement).checked).toBe(true);
    screen.getByRole('radio', { name: /This browser only \(trial\)/ });
    screen.getByText(/its roles are not protected/);
  });

  it('prefills the address an IT admin set by policy', () => {
    serverPolicy.value = { serverUrl: 'https://access.example.com', locked: false };
    render(<WhereOrgLives />);
    expect(address().value).toBe('https://access.example.com');
  });

  it('a locked policy: the address is fixed, the trial is not offered, and Use this server keeps IT’s server', async () => {
    serverPolicy.value = { serverUrl: 'https://access.example.com', locked: true };
    render(<WhereOrgLives />);
    expect(address().value).toBe('https://access.example.com');
    expect(address().readOnly).toBe(true);
    expect(screen.queryByRole('radio', { name: /This browser only/ })).toBeNull();
    screen.getByText('Your IT department set this address: your org lives on this team server.');
    submit();
    await waitFor(async () =>
      expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: 'https://access.example.com' }),
    );
  });

  it('an unlocked preset follows IT’s change while nothing was typed, and keeps what was typed after', async () => {
    serverPolicy.value = { serverUrl: 'https://old.example.com', locked: false };
    render(<WhereOrgLives />);
    serverPolicy.value = { serverUrl: 'https://new.example.com', locked: false };
    await waitFor(() => expect(address().value).toBe('https://new.example.com'));
    fireEvent.input(address(), { target: { value: 'https://mine.example.com' } });
    serverPolicy.value = { serverUrl: 'https://newer.example.com', locked: false };
    await waitFor(() => expect(address().value).toBe('https://mine.example.com'));
  });

  it('asks for the server’s host permission inside the click, then keeps the choice', async () => {
    render(<WhereOrgLives />);
    fireEvent.input(address(), { target: { value: 'https://access.example.com/' } });
    submit();
    await waitFor(async () =>
      expect(await readOrgLocation()).toEqual({ mode: 'server', serverUrl: 'https://access.example.com' }),
    );
    expect(request).toHaveBeenCalledWith({ origins: ['https://access.example.com/*'] });
  });

  it.each([
    ['http://access.example.com', /must start with https/],
    ['access', /not a web address/],
  ])('refuses %s, says why, and keeps what was typed', async (typed, message) => {
    render(<WhereOrgLives />);
    fireEvent.input(address(), { target: { value: typed } });
    submit();
    expect((await screen.findByRole('alert')).textContent).toMatch(message);
    expect(address().value).toBe(typed);
    expect(address().getAttribute('aria-invalid')).toBe('true');
    expect(request).not.toHaveBeenCalled();
    expect(await readOrgLocation()).toBeUndefined();
  });

  it('a refused permission keeps nothing and says how to allow it', async () => {
    request.mockResolvedValue(false);
    render(<WhereOrgLives />);
    fireEvent.input(address(), { target: { value: 'https://access.example.com' } });
    submit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/choose Allow/);
    expect(await readOrgLocation()).toBeUndefined();
  });

  it('a prompt nobody answers (a browser without a window): says what it waits for, and Stop waiting gives the form back', async () => {
    request.mockReturnValue(new Promise(() => {}));
    render(<WhereOrgLives />);
    fireEvent.input(address(), { target: { value: 'https://access.example.com' } });
    submit();
    const wait = await screen.findByTestId('host-permission-wait');
    expect(wait.textContent).toContain(
      'the browser asks whether Marketo Access may reach https://access.example.com/*',
    );
    expect((screen.getByRole('button', { name: 'Use this server' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /got no answer, so nothing was changed.*Site access/,
    );
    expect(screen.queryByTestId('host-permission-wait')).toBeNull();
    expect((screen.getByRole('button', { name: 'Use this server' }) as HTMLButtonElement).disabled).toBe(false);
    expect(await readOrgLocation()).toBeUndefined();
  });

  it('the trial keeps the org in this browser', async () => {
    render(<WhereOrgLives />);
    fireEvent.click(screen.getByRole('radio', { name: /This browser only/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Start the trial in this browser' }));
    await waitFor(async () => expect(await readOrgLocation()).toEqual({ mode: 'trial' }));
  });

  it('the owner’s printed link, pasted as the address, opens the claim form', async () => {
    render(<WhereOrgLives />);
    fireEvent.input(address(), { target: { value: 'https://access.example.com/claim#AbCdEfGh1234' } });
    submit();
    await screen.findByRole('heading', { name: 'Create your org on the team server' });
    expect(request).not.toHaveBeenCalled();
  });
});
