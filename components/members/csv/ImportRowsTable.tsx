import type { ComponentChildren } from 'preact';
import type { RawCells } from '../../../lib/csv/mapping.ts';
import type { InviteInput } from '../../../lib/domain/member.ts';
import type { Problem } from '../../../lib/domain/result.ts';
import { t } from '../../../lib/ui/i18n.ts';
import { roleLabel, teamLabel } from '../labels.ts';
import type { RepeatedRow, RowConflict } from '../../../lib/csv/import-plan.ts';
import { rowProblemText } from './csv-problem-text.ts';

/** What a row shows: the domain's reading when it will be (or was) invited, the file's words otherwise. */
export interface ShownRow {
  row: number;
  input: InviteInput;
  /** The file's own words, shown (and labelled as such) when the row was not read. */
  cells?: RawCells | undefined;
  /** Set when the row is (to be) invited: name, email, role and teams as they will be stored. */
  accepted?: { name: string; email: string; role: 'admin' | 'user'; teams: string[] };
  problems?: Problem[];
  /** Set when the row repeats an earlier row's email. */
  repeats?: RepeatedRow | undefined;
  /** Set when the row is held: another row gives its email other details, and the admin picks. */
  held?: RowConflict | undefined;
  result: ComponentChildren;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Why a held row waits, or why it was left out once the admin chose. */
function heldText(row: number, conflict: RowConflict): string {
  if (conflict.chosen === undefined) return t('csv_heldPick');
  if (conflict.chosen === 'neither') return t('csv_heldNeither');
  return conflict.chosen === row ? t('csv_heldKept') : t('csv_heldOther', conflict.chosen);
}

/** The file's rows with their row numbers (the header is row 1) and each one's outcome. */
export function ImportRowsTable({ caption, rows }: { caption: string; rows: ShownRow[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('csv_colRow')}</th>
          <th scope="col">{t('csv_fieldName')}</th>
          <th scope="col">{t('csv_fieldEmail')}</th>
          <th scope="col">{t('csv_fieldRole')}</th>
          <th scope="col">{t('csv_fieldTeams')}</th>
          <th scope="col">{t('csv_colResult')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ row, input, cells, accepted, problems, repeats, held, result }) => (
          <tr
            key={row}
            data-testid="csv-row"
            data-row={row}
            class={problems ? 'rejected' : held && held.chosen !== row ? 'held' : 'accepted'}
          >
            <th scope="row">
              {row}
              {/* A refused row was not read: its cells are the file's own words, and say so. */}
              {!accepted && <span class="raw-note">{t('csv_asInFile')}</span>}
            </th>
            <td>{accepted?.name ?? cells?.name ?? text(input.name)}</td>
            <td>{accepted?.email ?? cells?.email ?? text(input.email)}</td>
            <td>{accepted ? roleLabel(accepted.role) : (cells?.role ?? text(input.role))}</td>
            <td>{accepted ? accepted.teams.map(teamLabel).join(', ') : (cells?.teams ?? text(input.teams))}</td>
            <td>
              {result}
              {held && <span class="reasons"> {heldText(row, held)}</span>}
              {problems && (
                <ul class="reasons">
                  {problems.map((p) => (
                    <li key={p.code}>{rowProblemText(p, repeats)}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
