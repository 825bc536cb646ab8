import { useState } from 'preact/hooks';
import { checkMapping, fieldsFor, isRequired, type ColumnField, type ColumnMapping } from '../../../lib/csv/mapping.ts';
import type { CsvTable } from '../../../lib/csv/parse.ts';
import { t, tp } from '../../../lib/ui/i18n.ts';
import { fieldLabel, mappingProblemText } from './csv-problem-text.ts';
import { NameLayoutChoice } from './NameLayoutChoice.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

interface Props {
  fileName: string;
  table: CsvTable;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  onNext: () => void;
  onCancel: () => void;
}

const SAMPLE_LENGTH = 30;

/** Step 2: which CSV column feeds each of our fields, pre-selected from the header names. */
export function CsvMappingStep({ fileName, table, mapping, onChange, onNext, onCancel }: Props) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [tried, setTried] = useState(false);
  const problems = checkMapping(mapping);
  const columnName = (column: number) => table.headers[column] || t('csv_columnNumber', column + 1);
  // A value from the first row helps recognise a column whose name says little.
  const optionText = (column: number) => {
    const sample = (table.rows[0]?.cells[column] ?? '').trim().slice(0, SAMPLE_LENGTH);
    return sample ? t('csv_columnWithSample', columnName(column), sample) : columnName(column);
  };
  const problemOf = (field: ColumnField) => problems.find((p) => p.field === field);

  return (
    <form
      aria-labelledby="csv-map-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (problems.length === 0) onNext();
      }}
    >
      <h3 id="csv-map-title" tabIndex={-1} ref={heading}>
        {t('csv_mapTitle')}
      </h3>
      <p>{tp('csv_mapIntro', table.rows.length, fileName, table.rows.length)}</p>
      <NameLayoutChoice value={mapping.names} onChange={(names) => onChange({ ...mapping, names })} />
      {fieldsFor(mapping.names).map((field) => {
        const required = isRequired(field);
        const problem = tried ? problemOf(field) : undefined;
        return (
          <div key={field}>
            <label>
              {required ? t('csv_fieldRequired', fieldLabel(field)) : fieldLabel(field)}
              <select
                data-field={field}
                value={mapping[field] === undefined ? '' : String(mapping[field])}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `csv-map-${field}-problem` : undefined}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  onChange({ ...mapping, [field]: value === '' ? undefined : Number(value) });
                }}
              >
                <option value="">{required ? t('csv_chooseColumn') : t('csv_notInFile')}</option>
                {table.headers.map((_, column) => (
                  <option key={column} value={String(column)}>
                    {optionText(column)}
                  </option>
                ))}
              </select>
            </label>
            {problem && (
              <p id={`csv-map-${field}-problem`} class="problem" role="alert">
                {mappingProblemText(problem, columnName)}
              </p>
            )}
          </div>
        );
      })}
      <p class="hint">{t('csv_mapValuesHint')}</p>
      <div class="actions">
        <button type="submit">{t('csv_previewButton')}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('csv_cancel')}
        </button>
      </div>
    </form>
  );
}
