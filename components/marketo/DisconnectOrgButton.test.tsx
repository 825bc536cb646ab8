import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendCommand } from '../../lib/messaging/client.ts';
import { DisconnectOrgButton } from './DisconnectOrgButton.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

beforeEach(() => send.mockReset());
afterEach(cleanup);

describe('DisconnectOrgButton', () => {
  it('asks in the page, saying what is lost; Cancel disconnects nothing', () => {
    render(<DisconnectOrgButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect the org' }));
    const dialog = screen.getByRole('dialog', { name: 'Disconnect the org from Marketo?' });
    expect(dialog.textContent).toContain('Every member loses Marketo access');
    // Destructive: focus starts on Cancel, so Enter does not disconnect.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it('disconnects once confirmed, and keeps the dialog open with the worker’s refusal', async () => {
    send.mockResolvedValueOnce({ ok: false, error: { code: 'not-owner', message: 'x' } });
    render(<DisconnectOrgButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect the org' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Disconnect the org' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only the admin who connected the org to Marketo can disconnect it.',
    );
    send.mockResolvedValueOnce({ ok: true, value: {} } as never);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Disconnect the org' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(send).toHaveBeenCalledWith('disconnectOrg', {});
  });
});
