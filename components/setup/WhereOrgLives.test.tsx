import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readOrgLocation } from '../../lib/backend/settings.ts';
import { policyServerUrl } from '../../lib/ui/org-location.ts';
import { WhereOrgLives } from './WhereOrgLives.tsx';

let request: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  policyServerUrl.value = undefined;
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
    policyServerUrl.value = 'https://access.example.com';
    render(<WhereOrgLives />);
    expect(address().value).toBe('https://access.example.com');
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
