import { t, uiLocale } from '../../lib/ui/i18n.ts';

/** Shown over the replica while the team server cannot be reached: what is on screen is from then. */
export function AsOfNote({ at }: { at: number }) {
  const time = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  return (
    <p class="banner waiting" role="status" data-testid="as-of">
      {t('server_asOf', time)}
    </p>
  );
}
