import type { ConflictChoices, PreviewRow, RowConflict } from '../../../lib/csv/import-plan.ts';
import type { InviteDraft } from '../../../lib/domain/member.ts';
import { t } from '../../../lib/ui/i18n.ts';
import { roleLabel, teamLabel } from '../labels.ts';

interface Props {
  preview: readonly PreviewRow[];
  choices: ConflictChoices;
  onChoose: (email: string, choice: number | 'neither') => void;
}

const details = (draft: InviteDraft) =>
  t('csv_conflictRow', draft.name, roleLabel(draft.role), draft.teams.map(teamLabel).join(', '));

/**
 * Rows that give one email different details: the admin picks the row to
 * invite (or neither). Until then all of them are held and none is imported.
 */
export function CsvConflicts({ preview, choices, onChoose }: Props) {
  const conflicts = new Map<string, { conflict: RowConflict; drafts: Map<number, InviteDraft> }>();
  for (const p of preview) {
    if (p.outcome === 'reject' || !p.conflict) continue;
    const entry = conflicts.get(p.conflict.email) ?? { conflict: p.conflict, drafts: new Map() };
    entry.drafts.set(p.row, p.draft);
    conflicts.set(p.conflict.email, entry);
  }
  if (conflicts.size === 0) return null;
  return (
    <div class="conflicts" data-testid="csv-conflicts">
      {[...conflicts.values()].map(({ conflict, drafts }) => {
        const chosen = choices.get(conflict.email);
        const name = `conflict-${conflict.rows[0]}`;
        return (
          <fieldset key={conflict.email} class="card conflict" data-testid="csv-conflict">
            <legend>{t('csv_conflictLegend', conflict.email, conflict.rows.join(', '))}</legend>
            {conflict.rows.map((row) => (
              <label key={row}>
                <input
                  type="radio"
                  name={name}
                  checked={chosen === row}
                  onChange={() => onChoose(conflict.email, row)}
                />{' '}
                {t('csv_conflictKeep', row)} {drafts.has(row) && details(drafts.get(row)!)}
              </label>
            ))}
            <label>
              <input
                type="radio"
                name={name}
                checked={chosen === 'neither'}
                onChange={() => onChoose(conflict.email, 'neither')}
              />{' '}
              {t('csv_conflictNeither')}
            </label>
          </fieldset>
        );
      })}
    </div>
  );
}
