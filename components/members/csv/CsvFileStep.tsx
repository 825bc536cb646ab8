import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_CSV_ROWS, type CsvProblem } from '../../../lib/csv/problems.ts';
import { t, uiLocale } from '../../../lib/ui/i18n.ts';
import { csvProblemText } from './csv-problem-text.ts';

interface Props {
  /** Why the last file was refused, if it was. */
  problem: CsvProblem | undefined;
  busy: boolean;
  /** Focus the file input on arrival: true when coming back from a later step, not on the page's first paint. */
  autoFocus: boolean;
  onFile: (file: File) => void;
}

/** Step 1: choose a CSV file, or drop one on the box. */
export function CsvFileStep({ problem, busy, autoFocus, onFile }: Props) {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);

  const take = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) onFile(file);
  };

  return (
    <div
      class={dragging ? 'dropzone dragging' : 'dropzone'}
      data-testid="csv-dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        take(e.dataTransfer?.files);
      }}
    >
      <label>
        {t('csv_fileLabel')}
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-describedby="csv-file-hint"
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            take(e.currentTarget.files);
            // The same file may be chosen again after it is fixed.
            e.currentTarget.value = '';
          }}
        />
      </label>
      <p id="csv-file-hint" class="hint">
        {t('csv_fileHint', MAX_CSV_ROWS.toLocaleString(uiLocale()))} {t('csv_dropHint')}
      </p>
      {busy && <p aria-busy="true">{t('csv_reading')}</p>}
      {problem && (
        <p class="problem" role="alert">
          {csvProblemText(problem)}
        </p>
      )}
    </div>
  );
}
