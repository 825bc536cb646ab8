import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InviteReport } from '../../../lib/backend/port.ts';
import { aMember } from '../../../tests/fixtures/domain.ts';
import { sendCommand } from '../../../lib/messaging/client.ts';
import { useLocale } from '../../../tests/unit/use-locale.ts';
import { anAdminView } from '../../../tests/fixtures/admin-view.ts';
import { CsvImport } from './CsvImport.tsx';

vi.mock('../../../lib/messaging/client.ts', () => ({ sendCommand: vi.fn() }));
const send = vi.mocked(sendCommand);
const fixture = (name: string) =>
  new File([readFileSync(join(process.cwd(), 'tests/fixtures/csv', name))], name, { type: 'text/csv' });

beforeEach(() => send.mockReset());
afterEach(cleanup);

const { members } = anAdminView();
const choose = (file: File, label = 'CSV file') =>
  fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
const mapping = () => screen.findByRole('form', { name: 'Match the columns' });
const selected = (label: RegExp) => {
  const select = screen.getByLabelText(label) as HTMLSelectElement;
  return select.selectedOptions[0]?.textContent;
};
const rows = () => screen.getAllByTestId('csv-row').map((r) => [...r.children].map((c) => c.textContent));

describe('Invite from CSV', () => {
  it('file, guessed columns, preview, import of the good rows only, per-row report', async () => {
    render(<CsvImport members={members} />);
    choose(fixture('members-with-bad-rows.csv'));
    await mapping();
    // BOM, semicolons and French headers: every field guessed.
    expect(
      screen.getByText('members-with-bad-rows.csv: 4 rows. Choose the column that holds each piece of information.'),
    ).toBeTruthy();
    expect([selected(/^Full name/), selected(/^Email/), selected(/^Role/), selected(/^Teams/)]).toEqual([
      'Full name (e.g. Zoé Martin)',
      'E-mail (e.g. zoe@example.com)',
      'Rôle (e.g. Administrateur)',
      'Équipes (e.g. EMEA, Sales)',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(await screen.findByTestId('csv-preview-summary')).toHaveProperty(
      'textContent',
      'Rows that will be invited: 2 of 4.',
    );
    expect(rows()).toEqual([
      ['2', 'Zoé Martin', 'zoe@example.com', 'Admin', 'EMEA, Sales', 'Will be invited'],
      [
        '3as in the file',
        'Not An Email',
        'not-an-email',
        '',
        '',
        'Will not be invited:The email address must contain exactly one @, as in ana@example.com.',
      ],
      [
        '5as in the file',
        'Duplicate Ana',
        'ANA@example.com',
        'user',
        '',
        'Will not be invited:Someone on the team already has this email address.',
      ],
      ['6', 'Smith; Kim', 'kim@example.com', 'User (sales rep)', 'EMEA', 'Will be invited'],
    ]);
    expect(send).not.toHaveBeenCalled();

    const report: InviteReport = {
      invited: [
        {
          row: 0,
          member: aMember({
            id: 'zoe',
            name: 'Zoé Martin',
            email: 'zoe@example.com',
            role: 'admin',
            teams: ['EMEA', 'Sales'],
          }),
        },
        { row: 1, member: aMember({ id: 'kim', name: 'Smith; Kim', email: 'kim@example.com', teams: ['EMEA'] }) },
      ],
      rejected: [],
    };
    send.mockResolvedValue({ ok: true, value: report });
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 members' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenCalledWith('inviteMembers', {
      rows: [
        { name: 'Zoé Martin', email: 'zoe@example.com', role: 'admin', teams: ['EMEA', 'Sales'] },
        { name: 'Smith; Kim', email: 'kim@example.com', role: 'user', teams: ['EMEA'] },
      ],
    });
    expect((await screen.findByTestId('csv-report-summary')).textContent).toBe(
      'Members invited: 2. Rows not imported: 2.',
    );
    expect(rows().map((r) => [r[0], r[5]?.split(':')[0]])).toEqual([
      ['2', 'Invited'],
      ['3as in the file', 'Not invited'],
      ['5as in the file', 'Not invited'],
      ['6', 'Invited'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByLabelText('CSV file')).toBeTruthy();
  });

  it('maps the worker’s verdicts back to the file’s row numbers', async () => {
    render(<CsvImport members={members} />);
    choose(fixture('members-with-bad-rows.csv'));
    await mapping();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    // Someone invited Zoé in the meantime: the worker refuses the first row sent.
    send.mockResolvedValue({
      ok: true,
      value: {
        invited: [{ row: 1, member: aMember({ id: 'kim' }) }],
        rejected: [
          {
            row: 0,
            problems: [{ code: 'email-duplicate', message: 'zoe@example.com is already a member of the team.' }],
          },
        ],
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Import 2 members' }));
    expect((await screen.findByTestId('csv-report-summary')).textContent).toBe(
      'Members invited: 1. Rows not imported: 3.',
    );
    // Not read: the file's own words, labelled as such.
    expect(rows()[0]).toEqual([
      '2as in the file',
      'Zoé Martin',
      'zoe@example.com',
      'Administrateur',
      'EMEA, Sales',
      'Not invited:Someone on the team already has this email address.',
    ]);
  });

  it.each(['mapping', 'preview'])('Cancel at the %s step imports nothing and starts over', async (step) => {
    render(<CsvImport members={members} />);
    choose(fixture('members-good.csv'));
    await mapping();
    if (step === 'preview') {
      fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
      await screen.findByRole('button', { name: 'Import 2 members' });
    }
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByLabelText('CSV file')).toBe(document.activeElement);
    expect(screen.queryByRole('table')).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it('a French export: Prénom and Nom joined, a first name alone invited, the default team in French', async () => {
    useLocale('fr');
    render(<CsvImport members={members} />);
    choose(fixture('export-fr.csv'), 'Fichier CSV');
    await screen.findByRole('form', { name: 'Associer les colonnes' });
    expect(screen.getByRole('radio', { name: 'Prénom et nom dans deux colonnes' })).toHaveProperty('checked', true);
    expect([selected(/^Prénom \(obligatoire/), selected(/^Nom de famille/)]).toEqual([
      'Prénom (ex.\u00a0: Zoé)',
      'Nom (ex.\u00a0: Martin)',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Aperçu' }));
    expect((await screen.findByTestId('csv-preview-summary')).textContent).toBe(
      'Lignes qui seront invitées\u00a0: 1 sur 3.',
    );
    expect(rows()[1]).toEqual([
      '3',
      'Marc',
      'marc@example.com',
      'Utilisateur (commercial)',
      'Tout le monde',
      'Sera invité',
    ]);
  });

  it('two rows giving one email different roles: both held until the admin picks one; nothing of the pair is sent before', async () => {
    useLocale('fr');
    render(<CsvImport members={members} />);
    choose(fixture('export-fr.csv'), 'Fichier CSV');
    await screen.findByRole('form', { name: 'Associer les colonnes' });
    fireEvent.click(screen.getByRole('button', { name: 'Aperçu' }));
    const conflict = await screen.findByRole('group', {
      name: 'zoe@example.com figure aux lignes 2, 4 avec des informations différentes. Quelle ligne inviter\u00a0?',
    });
    expect(rows().map((r) => [r[0], r[5]])).toEqual([
      [
        '2',
        'En attente\u00a0: une autre ligne donne d’autres informations pour cette adresse\u00a0; choisissez-en une ci-dessus.',
      ],
      ['3', 'Sera invité'],
      [
        '4',
        'En attente\u00a0: une autre ligne donne d’autres informations pour cette adresse\u00a0; choisissez-en une ci-dessus.',
      ],
    ]);
    const importButton = screen.getByRole('button', { name: 'Importer 1 membre' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    expect(screen.getByTestId('csv-conflicts-open').textContent).toMatch(/aucune des deux n’est importée/);

    fireEvent.click(
      within(conflict).getByRole('radio', { name: /^Ligne 4\u00a0: Léa Dubois, Utilisateur \(commercial\)/ }),
    );
    expect(screen.queryByTestId('csv-conflicts-open')).toBeNull();
    expect(rows().map((r) => [r[0], r[5]])).toEqual([
      ['2', 'En attente\u00a0: vous avez choisi la ligne 4 pour cette adresse.'],
      ['3', 'Sera invité'],
      ['4', 'Sera invité (votre choix)'],
    ]);
    send.mockResolvedValue({ ok: true, value: { invited: [], rejected: [] } });
    fireEvent.click(screen.getByRole('button', { name: 'Importer 2 membres' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]![1]).toEqual({
      rows: [
        { name: 'Marc', email: 'marc@example.com', role: 'user', teams: ['Everyone'] },
        { name: 'Léa Dubois', email: 'zoe@example.com', role: 'user', teams: ['Ventes'] },
      ],
    });
  });

  it('one full-name column or first and last name: the choice changes the columns asked for', async () => {
    render(<CsvImport members={members} />);
    choose(fixture('members-good.csv'));
    await mapping();
    fireEvent.click(screen.getByRole('radio', { name: 'First name and last name in two columns' }));
    expect(screen.queryByLabelText(/^Full name/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'Choose the column that holds the first names.',
      'Choose the column that holds the last names.',
    ]);
  });

  it('Back returns to the columns, keeping the choices', async () => {
    render(<CsvImport members={members} />);
    choose(fixture('members-good.csv'));
    await mapping();
    fireEvent.change(screen.getByLabelText(/^Teams/), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Back to the columns' }));
    expect(selected(/^Teams/)).toBe('— Not in the file —');
  });

  it('will not preview without a name and an email column, or with one column for two fields', async () => {
    render(<CsvImport members={members} />);
    choose(new File(['Who,Contact\nZed,zed@example.com\n'], 'odd.csv', { type: 'text/csv' }));
    await mapping();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'Choose the column that holds the names.',
      'Choose the column that holds the email addresses.',
    ]);
    fireEvent.change(screen.getByLabelText(/^Full name/), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: '0' } });
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'The column Who is already used for another field: choose a different column for Email.',
    ]);
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('button', { name: 'Import 1 member' })).toBeTruthy();
  });

  it('offers no import when no row can be invited', async () => {
    render(<CsvImport members={members} />);
    choose(new File(['Name,Email\nAna,ana@example.com\n'], 'dupes.csv', { type: 'text/csv' }));
    await mapping();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText(/^No row can be invited/)).toBeTruthy();
    expect((screen.getByRole('button', { name: /^Import/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the worker’s refusal of the whole import and stays on the preview', async () => {
    send.mockResolvedValue({
      ok: false,
      error: { code: 'not-admin', message: 'Only an SIA admin can do this: ask an admin of your team.' },
    });
    render(<CsvImport members={members} />);
    choose(fixture('members-good.csv'));
    await mapping();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 2 members' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only an SIA admin can do this: ask an admin of your team.',
    );
    expect(screen.getByRole('button', { name: 'Import 2 members' })).toBeTruthy();
  });

  it.each([
    [
      'a spreadsheet',
      new File(['PK\u0003\u0004'], 'team.xlsx'),
      /^team.xlsx is a spreadsheet, not a CSV file: .*save it as CSV/,
    ],
    [
      'not a CSV',
      new File(['{}'], 'team.json', { type: 'application/json' }),
      'team.json is not a CSV file: choose a file ending in .csv.',
    ],
    ['an empty file', new File([''], 'team.csv', { type: 'text/csv' }), 'The file is empty.'],
    [
      'over 1 MB',
      new File(['x'.repeat(1024 * 1024 + 1)], 'big.csv', { type: 'text/csv' }),
      /^big.csv is larger than 1 MB/,
    ],
    ['no header row', new File(['Ana,ana@example.com\n'], 'team.csv', { type: 'text/csv' }), /add a header row/],
    [
      'an unclosed quote',
      new File(['Name,Email\n"Ana,ana@example.com\n'], 'team.csv', { type: 'text/csv' }),
      /^Row 2 has a quotation mark/,
    ],
    [
      'over 1,000 rows',
      new File(
        [`Name,Email\n${Array.from({ length: 1001 }, (_, i) => `P${i},p${i}@example.com`).join('\n')}`],
        'team.csv',
        { type: 'text/csv' },
      ),
      'The file has 1,001 rows; an import takes at most 1,000. Split it into several files.',
    ],
  ])('refuses %s with a clear message', async (_case, file, message) => {
    render(<CsvImport members={members} />);
    choose(file);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(message);
    expect(screen.queryByRole('form', { name: 'Match the columns' })).toBeNull();
  });

  it('says so when the file cannot be read', async () => {
    render(<CsvImport members={members} />);
    const file = new File(['Name,Email\n'], 'gone.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.reject(new Error('NotReadableError')) });
    choose(file);
    expect((await screen.findByRole('alert')).textContent).toBe('gone.csv could not be read: choose it again.');
  });

  it('takes a file dropped on the box', async () => {
    render(<CsvImport members={members} />);
    // happy-dom drops testing-library's synthetic DragEvent: a plain event carrying the files does what a browser's drop does.
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [fixture('members-good.csv')] } });
    fireEvent(screen.getByTestId('csv-dropzone'), drop);
    await mapping();
    expect(screen.getByText(/^members-good.csv: 2 rows/)).toBeTruthy();
  });

  it('shows file contents as text, never as markup', async () => {
    render(<CsvImport members={members} />);
    choose(new File(['Name,Email\n<img src=x onerror=alert(1)>,evil@example.com\n'], 'x.csv', { type: 'text/csv' }));
    await mapping();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByTestId('csv-preview-summary');
    expect(document.querySelector('img')).toBeNull();
    expect(rows()[0]?.[1]).toBe('<img src=x onerror=alert(1)>');
  });
});
