import type { ReportRow } from '../../../lib/csv/import-plan.ts';
import { t } from '../../../lib/ui/i18n.ts';
import { ImportRowsTable } from './ImportRowsTable.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

/** Step 4: what the worker did with each row. */
export function CsvReportStep({ report, onDone }: { report: ReportRow[]; onDone: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const invited = report.filter((r) => r.outcome === 'invited').length;
  return (
    <section aria-labelledby="csv-report-title">
      <h3 id="csv-report-title" tabIndex={-1} ref={heading}>
        {t('csv_reportTitle')}
      </h3>
      <p role="status" data-testid="csv-report-summary">
        {t('csv_reportSummary', invited, report.length - invited)}
      </p>
      <ImportRowsTable
        caption={t('csv_reportCaption')}
        rows={report.map((r) =>
          r.outcome === 'invited'
            ? { row: r.row, input: r.input, cells: r.cells, accepted: r.member, result: t('csv_invited') }
            : r.outcome === 'held'
              ? {
                  row: r.row,
                  input: r.input,
                  cells: r.cells,
                  accepted: r.draft,
                  held: r.conflict,
                  result: t('csv_notInvited'),
                }
              : {
                  row: r.row,
                  input: r.input,
                  cells: r.cells,
                  problems: r.problems,
                  repeats: r.repeats,
                  result: t('csv_notInvited'),
                },
        )}
      />
      <div class="actions">
        <button type="button" onClick={onDone}>
          {t('csv_done')}
        </button>
      </div>
    </section>
  );
}
