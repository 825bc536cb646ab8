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
    const wait = await screen.findByTestId('permission-wait');
    expect(wait.textContent).toContain('may reach https://123-abc-456.mktorest.com/*');
    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/got no answer, so nothing was changed/);
    expect(send).not.toHaveBeenCalled();
  });
});
