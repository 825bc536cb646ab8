import { useMemo, useState } from 'preact/hooks';
import { guessMapping } from '../../../lib/csv/guess-columns.ts';
import { importReport, previewImport, rowsToSend, type ReportRow } from '../../../lib/csv/import-plan.ts';
import { mapRows, type ColumnMapping } from '../../../lib/csv/mapping.ts';
import type { CsvTable } from '../../../lib/csv/parse.ts';
import type { CsvProblem } from '../../../lib/csv/problems.ts';
import { readCsvFile } from '../../../lib/csv/read-file.ts';
import type { Member } from '../../../lib/domain/member.ts';
import { t, uiLocale } from '../../../lib/ui/i18n.ts';
import { useCommand } from '../../../lib/ui/use-command.ts';
import { CsvFileStep } from './CsvFileStep.tsx';
import { CsvMappingStep } from './CsvMappingStep.tsx';
import { CsvPreviewStep } from './CsvPreviewStep.tsx';
import { CsvReportStep } from './CsvReportStep.tsx';

type Step =
  | { step: 'file'; problem?: CsvProblem; returning: boolean }
  | { step: 'map' | 'preview'; fileName: string; table: CsvTable; mapping: ColumnMapping }
  | { step: 'report'; report: ReportRow[] };

const START: Step = { step: 'file', returning: false };

/**
 * Invite from CSV: file, column mapping, preview, import, report. Nothing is
 * sent before "Import", and only the rows the preview accepts are sent; Cancel
 * at any step goes back to the start and imports nothing.
 */
export function CsvImport({ members, onFile }: { members: readonly Member[]; onFile?: () => void }) {
  const [state, setState] = useState<Step>(START);
  const [reading, setReading] = useState(false);
  // The admin's pick among rows that give one email different details; a new file starts with none.
  const [choices, setChoices] = useState<ReadonlyMap<string, number | 'neither'>>(new Map());
  const invite = useCommand('inviteMembers');
  const cancel = () => {
    setChoices(new Map());
    setState({ step: 'file', returning: true });
  };

  // Against the members as they are now: a change by another admin updates the preview.
  const preview = useMemo(
    () =>
      state.step === 'preview'
        ? previewImport(mapRows(state.table.rows, state.mapping, uiLocale()), members, choices)
        : [],
    [state, members, choices],
  );

  const readFile = async (file: File) => {
    onFile?.();
    setReading(true);
    try {
      const read = await readCsvFile(file);
      setChoices(new Map());
      if (read.ok)
        setState({ step: 'map', fileName: file.name, table: read.value, mapping: guessMapping(read.value.headers) });
      else setState({ step: 'file', problem: read.problem, returning: true });
    } catch {
      // The file changed or vanished on disk after it was chosen.
      setState({
        step: 'file',
        problem: { code: 'csv-unreadable', message: `${file.name} could not be read.`, values: [file.name] },
        returning: true,
      });
    } finally {
      setReading(false);
    }
  };

  const runImport = async () => {
    const { rows, fileRows } = rowsToSend(preview);
    if (rows.length === 0) return;
    const report = await invite.run({ rows });
    if (report) setState({ step: 'report', report: importReport(preview, fileRows, report) });
  };

  return (
    <section class="card" aria-labelledby="csv-title">
      <h2 id="csv-title">{t('csv_title')}</h2>
      {state.step === 'file' && (
        <CsvFileStep
          problem={state.problem}
          busy={reading}
          autoFocus={state.returning}
          onFile={(file) => void readFile(file)}
        />
      )}
      {state.step === 'map' && (
        <CsvMappingStep
          fileName={state.fileName}
          table={state.table}
          mapping={state.mapping}
          onChange={(mapping) => setState({ ...state, mapping })}
          onNext={() => setState({ ...state, step: 'preview' })}
          onCancel={cancel}
        />
      )}
      {state.step === 'preview' && (
        <CsvPreviewStep
          preview={preview}
          choices={choices}
          onChoose={(email, choice) => setChoices(new Map(choices).set(email, choice))}
          busy={invite.busy}
          problem={invite.problem}
          onImport={() => void runImport()}
          onBack={() => setState({ ...state, step: 'map' })}
          onCancel={cancel}
        />
      )}
      {state.step === 'report' && <CsvReportStep report={state.report} onDone={cancel} />}
    </section>
  );
}
