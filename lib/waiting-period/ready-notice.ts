import { WAITING_PERIOD_END_ALARM } from './badge.ts';
import { READY_MARK_MS } from './ready.ts';

/** The slices of chrome.permissions, chrome.notifications and chrome.i18n the notice needs. */
export interface ReadyNoticeDeps {
  hasPermission: () => Promise<boolean>;
  notify: (id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }) => Promise<unknown>;
  message: (key: 'notify_readyTitle' | 'notify_readyMessage') => string;
  iconUrl: string;
  now: () => number;
}

export const READY_NOTIFICATION_ID = 'waiting-period-ready';

/**
 * The system notification at the end of the waiting period, on the alarm set
 * for readyAt. The `notifications` permission is optional (asked in the
 * Connect click): without it, the badge's done mark and the popup say it.
 * An alarm delivered long after its time (the browser was closed) is not news.
 */
export function readyNotice(deps: ReadyNoticeDeps) {
  return async (alarm: { name: string; scheduledTime?: number }): Promise<void> => {
    if (alarm.name !== WAITING_PERIOD_END_ALARM) return;
    if (alarm.scheduledTime !== undefined && deps.now() > alarm.scheduledTime + READY_MARK_MS) return;
    try {
      if (!(await deps.hasPermission())) return;
      // One id: a second alarm for the same end replaces the notice rather than adding one.
      await deps.notify(READY_NOTIFICATION_ID, {
        type: 'basic',
        iconUrl: deps.iconUrl,
        title: deps.message('notify_readyTitle'),
        message: deps.message('notify_readyMessage'),
      });
    } catch {
      // A notice that cannot be shown is not worth failing the worker for: the badge says it too.
    }
  };
}
