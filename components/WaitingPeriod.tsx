import { formatRemaining, isWaiting } from '../lib/domain/waiting-period.ts';
import { t } from '../lib/ui/i18n.ts';
import { useNow } from '../lib/ui/use-now.ts';
import { justReady } from '../lib/waiting-period/ready.ts';

/**
 * The waiting-period banner: a live mm:ss until access may be granted, then,
 * for a few minutes, that the org is ready (the wait must not end in silence).
 */
export function WaitingPeriod({ readyAt, clock = Date.now }: { readyAt: number; clock?: () => number }) {
  const now = useNow(isWaiting(readyAt, clock()) || justReady(readyAt, clock()), 1000, clock);
  if (justReady(readyAt, now)) {
    return (
      <p class="banner ready" role="status" data-testid="waiting-ready">
        {t('waiting_ready')}
      </p>
    );
  }
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
