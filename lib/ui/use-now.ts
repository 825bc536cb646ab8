import { useEffect, useState } from 'preact/hooks';

/** The current time, re-read every `everyMs` while `active`: the pages' countdown derives mm:ss from it. */
export function useNow(active: boolean, everyMs = 1000, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    // Refreshed once when the caller stops it too: a render that found the wait
    // over (from another cause than this tick) must not keep the last tick's time.
    setNow(clock());
    if (!active) return undefined;
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, clock]);
  return now;
}
