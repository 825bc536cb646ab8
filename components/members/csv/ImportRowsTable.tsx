import type { ComponentChildren } from 'preact';
import type { InviteInput } from '../../../lib/domain/member.ts';
import type { Problem } from '../../../lib/domain/result.ts';
import { t } from '../../../lib/ui/i18n.ts';
import { roleLabel } from '../labels.ts';
import type { RepeatedRow } from '../../../lib/csv/import-plan.ts';
import { rowProblemText } from './csv-problem-text.ts';

/** What a row shows: the domain's reading when it will be (or was) invited, the file's words otherwise. */
export interface ShownRow {
  row: number;
  input: InviteInput;
  /** Set when the row is (to be) invited: name, email, role and teams as they will be stored. */
  accepted?: { name: string; email: string; role: 'admin' | 'user'; teams: string[] };
  problems?: Problem[];
  /** Set when the row repeats an earlier row's email. */
  repeats?: RepeatedRow | undefined;
  result: ComponentChildren;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
// A role the file spelled in a way the import understood ("Administrateur") shows as the page names it.
const roleText = (value: unknown) => (value === 'admin' || value === 'user' ? roleLabel(value) : text(value));

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
        {rows.map(({ row, input, accepted, problems, repeats, result }) => (
          <tr key={row} data-testid="csv-row" data-row={row} class={problems ? 'rejected' : 'accepted'}>
            <th scope="row">{row}</th>
            <td>{accepted?.name ?? text(input.name)}</td>
            <td>{accepted?.email ?? text(input.email)}</td>
            <td>{accepted ? roleLabel(accepted.role) : roleText(input.role)}</td>
            <td>{accepted ? accepted.teams.join(', ') : text(input.teams)}</td>
            <td>
              {result}
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
