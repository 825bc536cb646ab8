import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { T0 } from '../tests/fixtures/domain.ts';
import { READY_MARK_MS } from '../lib/waiting-period/ready.ts';
import { useLocale } from '../tests/unit/use-locale.ts';
import { WaitingPeriod } from './WaitingPeriod.tsx';

const READY_AT = T0 + 10 * 60_000;
let now = READY_AT - 2000;
const clock = () => now;
/** Moves the injected clock, then lets the banner's one-second timer run once. */
const advanceTo = (at: number) =>
  act(() => {
    now = at;
    vi.advanceTimersByTime(1000);
  });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  now = READY_AT - 2000;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('WaitingPeriod', () => {
  it('counts down, then says the org is ready, then steps aside', () => {
    render(<WaitingPeriod readyAt={READY_AT} clock={clock} />);
    expect(screen.getByTestId('countdown').textContent).toBe('00:02');
    advanceTo(READY_AT);
    expect(screen.queryByTestId('countdown')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(
      'The wait is over: the org is ready, you can connect members to Marketo now.',
    );
    advanceTo(READY_AT + READY_MARK_MS);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says it in French in the French pages', () => {
    useLocale('fr');
    now = READY_AT + 1000;
    render(<WaitingPeriod readyAt={READY_AT} clock={clock} />);
    expect(screen.getByRole('status').textContent).toBe(
      'L’attente est terminée\u00a0: l’organisation est prête, vous pouvez maintenant connecter des membres à Marketo.',
    );
  });
});
