import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendCommand } from '../../lib/messaging/client.ts';
import { readOrgFile } from '../../lib/features/org-file/rules.ts';
import { anOrgFile } from '../../tests/fixtures/org-file.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { ExportOrgButton } from './ExportOrgButton.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function captureDownloads() {
  const blobs: Blob[] = [];
  Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:org'), revokeObjectURL: vi.fn() });
  const clicks: HTMLAnchorElement[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this);
  });
  return { blobs, clicks };
}

describe('Export the org (JSON)', () => {
  it('downloads the export as a JSON file a team server reads back', async () => {
    const file = anOrgFile();
    send.mockResolvedValue({ ok: true, value: file } as never);
    const { blobs, clicks } = captureDownloads();
    render(<ExportOrgButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Export the org (JSON)' }));
    await screen.findByText(/is downloaded/);
    expect(send).toHaveBeenCalledWith('exportOrg', {});
    expect(clicks[0]!.download).toMatch(/^marketo-access-org-\d{4}-\d{2}-\d{2}\.json$/);
    expect(blobs[0]!.type).toBe('application/json');
    const text = await blobs[0]!.text();
    // No byte-order mark: the file is JSON as it is, and the import reads it whole.
    expect(JSON.parse(text)).toEqual(file);
    expect(readOrgFile(JSON.parse(text)).ok).toBe(true);
  });

  it('a refusal says who may export, in the page’s language, and downloads nothing', async () => {
    useLocale('fr');
    send.mockResolvedValue({ ok: false, error: { code: 'not-owner', message: 'Only the owner.' } } as never);
    const { clicks } = captureDownloads();
    render(<ExportOrgButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter l’organisation (JSON)' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/propriétaire|connecté/);
    expect(clicks).toEqual([]);
  });
});
