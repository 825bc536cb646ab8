import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { orgView } from '../../lib/ui/org-state.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { writeOrgLocation } from '../../lib/backend/settings.ts';
import { App } from './App.tsx';

vi.mock('../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
vi.mock('../../lib/backend/trial/page/first-paint.ts', () => ({ readOrgViewFast: async () => undefined }));
const send = vi.mocked(sendCommand);

const viewAs = (role: 'admin' | 'user') => {
  const me = aMember({ id: 'me', name: 'Ana Rep', role });
  return {
    me,
    org: { status: 'connected', connection: anOrg() },
    members: [me],
    grants: [],
    activity: [],
    admins: [],
    firstRun: false,
  };
};

afterEach(() => {
  cleanup();
  orgView.value = undefined;
});

describe('the options page', () => {
  it.each([
    ['en', 'user', 'Marketo Access: your integrations'],
    ['fr', 'user', 'Marketo Access\u00a0: vos intégrations'],
    ['en', 'admin', 'Marketo Access: admin settings'],
  ] as const)('in %s, a signed-in %s reads a page titled for them', async (locale, role, title) => {
    useLocale(locale);
    await writeOrgLocation({ mode: 'trial' });
    send.mockResolvedValue({ ok: true, value: viewAs(role) } as never);
    render(<App />);
    // Before the org is read, the extension's name; then the page named for who signed in.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Marketo Access');
    await vi.waitFor(() => expect(screen.getByTestId('signed-in-as')).toBeTruthy());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    await vi.waitFor(() => expect(document.title).toBe(title));
  });
});
