import { badgeText, remainingMs } from '../domain/waiting-period.ts';
import { READY_MARK_MS } from './ready.ts';

/** The slices of chrome.alarms and chrome.action the badge needs: real ones in the worker, fakes in tests. */
export interface AlarmsApi {
  get(name: string): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number } | undefined>;
  create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

export interface ActionApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

export const WAITING_PERIOD_END_ALARM = 'waiting-period-end';
export const BADGE_TICK_ALARM = 'waiting-period-tick';
/** When the done mark comes off the badge. */
export const READY_MARK_END_ALARM = 'waiting-period-ready-mark-end';
/** Chrome's shortest alarm period; the badge shows whole minutes, so twice a minute is enough. */
const TICK_MINUTES = 0.5;
/** The done mark: the wait is over and members can be granted access. */
export const READY_BADGE = '✓';

/** The action's tooltip: minutes left, the done mark's "ready", or the extension's name. */
export interface BadgeTitles {
  waiting: (minutes: string) => string;
  ready: string;
  idle: string;
}

/**
 * Makes the badge and the alarms match the stored waiting period. Called on
 * every wake and every alarm: it never counts anything down itself, so a
 * killed worker or a restarted browser shows the right minutes again. Once
 * the period is over the badge shows a done mark for READY_MARK_MS, so the
 * end is seen even by an admin who was not looking at the countdown.
 */
export async function syncWaitingPeriodBadge(
  readyAt: number | undefined,
  now: number,
  alarms: AlarmsApi,
  action: ActionApi,
  title: BadgeTitles,
): Promise<void> {
  if (readyAt === undefined || remainingMs(readyAt, now) === 0) {
    await Promise.all([alarms.clear(WAITING_PERIOD_END_ALARM), alarms.clear(BADGE_TICK_ALARM)]);
    const marked = readyAt !== undefined && now < readyAt + READY_MARK_MS;
    if (marked) {
      const end = await alarms.get(READY_MARK_END_ALARM);
      if (end?.scheduledTime !== readyAt + READY_MARK_MS)
        await alarms.create(READY_MARK_END_ALARM, { when: readyAt + READY_MARK_MS });
      await action.setBadgeBackgroundColor({ color: '#047857' });
    } else {
      await alarms.clear(READY_MARK_END_ALARM);
    }
    await action.setBadgeText({ text: marked ? READY_BADGE : '' });
    await action.setTitle({ title: marked ? title.ready : title.idle });
    return;
  }
  const text = badgeText(readyAt, now);
  const end = await alarms.get(WAITING_PERIOD_END_ALARM);
  if (end?.scheduledTime !== readyAt) await alarms.create(WAITING_PERIOD_END_ALARM, { when: readyAt });
  if (!(await alarms.get(BADGE_TICK_ALARM))) await alarms.create(BADGE_TICK_ALARM, { periodInMinutes: TICK_MINUTES });
  // A new connection restarts the wait: an earlier done mark must not come off in the middle of it.
  await alarms.clear(READY_MARK_END_ALARM);
  await action.setBadgeBackgroundColor({ color: '#b45309' });
  await action.setBadgeText({ text });
  await action.setTitle({ title: title.waiting(text) });
}

export const isWaitingPeriodAlarm = (name: string): boolean =>
  name === WAITING_PERIOD_END_ALARM || name === BADGE_TICK_ALARM || name === READY_MARK_END_ALARM;
