import { formatRemaining, isWaiting } from '../lib/domain/waiting-period.ts';
import { useNow } from '../lib/ui/use-now.ts';

/** The waiting-period banner: a live mm:ss until access may be granted. */
export function WaitingPeriod({ readyAt, clock = Date.now }: { readyAt: number; clock?: () => number }) {
  const now = useNow(isWaiting(readyAt, clock()), 1000, clock);
  if (!isWaiting(readyAt, now)) return null;
  return (
    <p class="banner waiting" role="status">
      Marketo asks for ten minutes after the org connection before access is granted.{' '}
      <strong>
        <time data-testid="countdown">{formatRemaining(readyAt, now)}</time>
      </strong>{' '}
      left.
    </p>
  );
}
