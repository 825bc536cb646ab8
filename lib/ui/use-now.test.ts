import { renderHook } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { isWaiting } from '../domain/waiting-period.ts';
import { useNow } from './use-now.ts';

describe('useNow', () => {
  it('reads the clock again when it is stopped, so a wait found over in a render is over for the caller too', () => {
    let time = 1_000;
    const clock = () => time;
    const readyAt = 2_000;
    // As SelectionActions does: active while the clock says the wait goes on.
    const { result, rerender } = renderHook(() => useNow(isWaiting(readyAt, clock()), 1000, clock));
    expect(result.current).toBe(1_000);
    // The wait ends between two ticks and something else re-renders the caller.
    time = 2_500;
    rerender();
    expect(isWaiting(readyAt, result.current)).toBe(false);
    expect(result.current).toBe(2_500);
  });
});
