import { formatRemaining, isWaiting } from '../lib/domain/waiting-period.ts';
import { t } from '../lib/ui/i18n.ts';
import { useNow } from '../lib/ui/use-now.ts';

/** The waiting-period banner: a live mm:ss until access may be granted. */
export function WaitingPeriod({ readyAt, clock = Date.now }: { readyAt: number; clock?: () => number }) {
  const now = useNow(isWaiting(readyAt, clock()), 1000, clock);
  if (!isWaiting(readyAt, now)) return null;
  return (
    <p class="banner waiting">
      {t('waiting_banner')}{' '}
      <strong>
        <time data-testid="countdown">{formatRemaining(readyAt, now)}</time>
      </strong>
    </p>
  );
}
