import { openConflicts, type ConflictChoices, type PreviewRow } from '../../../lib/csv/import-plan.ts';
import type { Problem } from '../../../lib/domain/result.ts';
import { t, tp } from '../../../lib/ui/i18n.ts';
import { ProblemMessage } from '../../ProblemMessage.tsx';
import { translated } from '../../../lib/ui/problem-text.ts';
import { CsvConflicts } from './CsvConflicts.tsx';
import { ImportRowsTable } from './ImportRowsTable.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

interface Props {
  preview: PreviewRow[];
  choices: ConflictChoices;
  onChoose: (email: string, choice: number | 'neither') => void;
  busy: boolean;
  problem: Problem | undefined;
  onImport: () => void;
  onBack: () => void;
  onCancel: () => void;
}

/** Step 3: each row, "will be invited" or why not, before anything is sent. */
export function CsvPreviewStep({ preview, choices, onChoose, busy, problem, onImport, onBack, onCancel }: Props) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const count = preview.filter((p) => p.outcome === 'invite').length;
  const open = openConflicts(preview).length;
  return (
    <section aria-labelledby="csv-preview-title">
      <h3 id="csv-preview-title" tabIndex={-1} ref={heading}>
        {t('csv_previewTitle')}
      </h3>
      <p data-testid="csv-preview-summary">{t('csv_previewSummary', count, preview.length)}</p>
      <CsvConflicts preview={preview} choices={choices} onChoose={onChoose} />
      <ImportRowsTable
        caption={t('csv_previewCaption')}
        rows={preview.map((p) =>
          p.outcome !== 'reject'
            ? {
                row: p.row,
                input: p.input,
                cells: p.cells,
                accepted: p.draft,
                held: p.conflict,
                result: t(p.outcome === 'held' ? 'csv_held' : 'csv_willInvite'),
              }
            : {
                row: p.row,
                input: p.input,
                cells: p.cells,
                problems: p.problems,
                repeats: p.repeats,
                result: t('csv_willNotInvite'),
              },
        )}
      />
      {open > 0 && (
        <p class="problem" data-testid="csv-conflicts-open">
          {tp('csv_conflictsOpen', open, open)}
        </p>
      )}
      {count === 0 && open === 0 && <p>{t('csv_nothingToImport')}</p>}
      <ProblemMessage problem={translated(problem)} />
      <div class="actions">
        <button type="button" disabled={busy || count === 0 || open > 0} onClick={onImport}>
          {busy ? t('csv_importing') : tp('csv_import', count, count)}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={onBack}>
          {t('csv_back')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={onCancel}>
          {t('csv_cancel')}
        </button>
      </div>
    </section>
  );
}
