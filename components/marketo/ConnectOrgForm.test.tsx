import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendCommand } from '../../lib/messaging/client.ts';
import { ConnectOrgForm } from './ConnectOrgForm.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

beforeEach(() => send.mockReset());
afterEach(cleanup);

const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('ConnectOrgForm', () => {
  it('asks for notifications inside the Connect click, and connects without waiting for the answer', async () => {
    // A prompt nobody answers: the connection must not hang on it.
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockReturnValue(new Promise(() => {}) as never);
    send.mockResolvedValue({ ok: true, value: {} } as never);
    render(<ConnectOrgForm />);
    fill('Munchkin ID', '123-ABC-456');
    fill('Client ID', 'id');
    fill('Client Secret', 'secret');
    fill('REST endpoint', 'http://127.0.0.1:4010/rest');
    fill('Identity endpoint', 'http://127.0.0.1:4010/identity');
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Marketo' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('connectOrg', expect.objectContaining({ munchkinId: '123-ABC-456' })),
    );
    expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
  });

  it('connects when the browser cannot ask', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockRejectedValue(new Error('not supported'));
    send.mockResolvedValue({ ok: true, value: {} } as never);
    render(<ConnectOrgForm />);
    fill('Munchkin ID', '123-ABC-456');
    fill('Client ID', 'id');
    fill('Client Secret', 'secret');
    fill('REST endpoint', 'http://127.0.0.1:4010/rest');
    fill('Identity endpoint', 'http://127.0.0.1:4010/identity');
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Marketo' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
  });

  it('a Marketo host prompt nobody answers: says which host it waits for, and Stop waiting sends nothing', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockReturnValue(new Promise(() => {}) as never);
    render(<ConnectOrgForm />);
    fill('Munchkin ID', '123-ABC-456');
    fill('Client ID', 'id');
    fill('Client Secret', 'secret');
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Marketo' }));
    const wait = await screen.findByTestId('host-permission-wait');
    expect(wait.textContent).toContain('may reach https://123-abc-456.mktorest.com/*');
    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/got no answer, so nothing was changed/);
    expect(send).not.toHaveBeenCalled();
  });

  it('trims spaces pasted around the credentials, says so, and sends them trimmed', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    send.mockResolvedValue({ ok: true, value: {} } as never);
    render(<ConnectOrgForm />);
    fill('Munchkin ID', ' 123-ABC-456 ');
    fill('Client ID', '\t5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b  ');
    expect((screen.getByLabelText('Client ID') as HTMLInputElement).value).toBe('5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b');
    expect(document.getElementById('clientId-note')!.textContent).toContain(
      'Spaces around what you pasted were removed.',
    );
    fill('Client Secret', ' secret ');
    fireEvent.click(screen.getByRole('button', { name: 'Connect to Marketo' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('connectOrg', {
        munchkinId: '123-ABC-456',
        clientId: '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
        clientSecret: 'secret',
      }),
    );
  });

  it('checks the Munchkin ID and the Client ID as they are typed, at the first wrong character', () => {
    render(<ConnectOrgForm />);
    const munchkin = screen.getByLabelText('Munchkin ID');
    const note = (id: string) => document.getElementById(`${id}-note`)!;
    fill('Munchkin ID', '123-A');
    expect(munchkin.getAttribute('aria-invalid')).toBeNull();
    expect(note('munchkinId').textContent).toMatch(/^In Marketo: Admin > Munchkin/);
    fill('Munchkin ID', '123-A4');
    expect(munchkin.getAttribute('aria-invalid')).toBe('true');
    expect(note('munchkinId').textContent).toMatch(/^This is not a Munchkin ID/);
    fill('Munchkin ID', '123-abc-456');
    expect(note('munchkinId').textContent).toBe('The shape is right (123-ABC-456).');
    // The secret pasted where the Client ID goes.
    fill('Client ID', 'SbxDemoSecret7Qk2Lw9vYt4HmZa6UcJf');
    expect(note('clientId').textContent).toMatch(/not the Client Secret/);
    expect(screen.getByLabelText('Client ID').getAttribute('aria-describedby')).toBe('clientId-note');
  });
});
