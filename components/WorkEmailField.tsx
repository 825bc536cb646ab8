import { t } from '../lib/ui/i18n.ts';

/** The work email a person signs in or claims the org with: the same field in every sign-in form. */
export function WorkEmailField({
  value,
  onInput,
  invalid,
}: {
  value: string;
  onInput: (value: string) => void;
  invalid?: boolean;
}) {
  return (
    <label>
      {t('signin_workEmail')}
      <input
        name="email"
        type="email"
        autoComplete="email"
        value={value}
        aria-invalid={invalid}
        onInput={(e) => onInput(e.currentTarget.value)}
        required
      />
    </label>
  );
}
