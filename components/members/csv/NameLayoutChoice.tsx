import type { NameLayout } from '../../../lib/csv/mapping.ts';
import { t } from '../../../lib/ui/i18n.ts';

/** Whether the file has one full-name column, or first and last name in two (as most exports do). */
export function NameLayoutChoice({ value, onChange }: { value: NameLayout; onChange: (names: NameLayout) => void }) {
  const option = (names: NameLayout, label: string) => (
    <label class="inline">
      <input
        type="radio"
        name="csv-name-layout"
        value={names}
        checked={value === names}
        onChange={() => onChange(names)}
      />
      {label}
    </label>
  );
  return (
    <fieldset>
      <legend>{t('csv_nameLayout')}</legend>
      {option('full', t('csv_nameFull'))}
      {option('split', t('csv_nameSplit'))}
    </fieldset>
  );
}
