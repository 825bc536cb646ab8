import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActivityEntry } from '../../lib/domain/activity.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { sendCommand } from '../../lib/messaging/client.ts';

export type ActivityLog =
  { status: 'loading' } | { status: 'loaded'; entries: ActivityEntry[] } | { status: 'failed'; problem: Problem };

/**
 * The whole log (getActivity, newest first). The page's view carries only the
 * latest 100 entries; when its newest entry changes, the log is read again.
 * While a new read runs, the entries already shown stay.
 */
export function useActivityLog(newest: number | undefined): { log: ActivityLog; reload: () => void } {
  const [log, setLog] = useState<ActivityLog>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    void sendCommand('getActivity', {}).then((response) => {
      // An older answer arriving after a newer one must not replace it.
      if (request !== latest.current) return;
      setLog(
        response.ok ? { status: 'loaded', entries: response.value } : { status: 'failed', problem: response.error },
      );
    });
  }, [newest, attempt]);
  return {
    log,
    reload: () => {
      setLog({ status: 'loading' });
      setAttempt((n) => n + 1);
    },
  };
}
