import { describe, expect, it } from 'vitest';
import { T0 } from '../../tests/fixtures/domain.ts';
import {
  BADGE_TICK_ALARM,
  READY_BADGE,
  READY_MARK_END_ALARM,
  syncWaitingPeriodBadge,
  WAITING_PERIOD_END_ALARM,
  type ActionApi,
  type AlarmsApi,
} from './badge.ts';
import { READY_MARK_MS } from './ready.ts';

const READY_AT = T0 + 10 * 60_000;
const TITLE = {
  waiting: (minutes: string) => `${minutes} left`,
  ready: 'Marketo Access: ready',
  idle: 'Marketo Access',
};

function fakes() {
  const alarms = new Map<string, { name: string; scheduledTime: number; periodInMinutes?: number }>();
  const badge = { text: '', color: '', title: '' };
  const alarmsApi: AlarmsApi = {
    get: async (name) => alarms.get(name),
    create: (name, info) =>
      void alarms.set(name, {
        name,
        scheduledTime: info.when ?? 0,
        ...(info.periodInMinutes !== undefined && { periodInMinutes: info.periodInMinutes }),
      }),
    clear: async (name) => alarms.delete(name),
  };
  const action: ActionApi = {
    setBadgeText: async ({ text }) => void (badge.text = text),
    setBadgeBackgroundColor: async ({ color }) => void (badge.color = color),
    setTitle: async ({ title }) => void (badge.title = title),
  };
  const sync = (readyAt: number | undefined, now: number) =>
    syncWaitingPeriodBadge(readyAt, now, alarmsApi, action, TITLE);
  return { alarms, badge, sync };
}

describe('the badge at the end of the waiting period', () => {
  it('shows the done mark when the wait ends, then clears it on its own alarm', async () => {
    const { alarms, badge, sync } = fakes();
    await sync(READY_AT, READY_AT - 60_000);
    expect(badge.text).toBe('1m');
    await sync(READY_AT, READY_AT);
    expect([badge.text, badge.title]).toEqual([READY_BADGE, 'Marketo Access: ready']);
    expect([...alarms.keys()]).toEqual([READY_MARK_END_ALARM]);
    expect(alarms.get(READY_MARK_END_ALARM)?.scheduledTime).toBe(READY_AT + READY_MARK_MS);
    await sync(READY_AT, READY_AT + READY_MARK_MS);
    expect([badge.text, badge.title]).toEqual(['', 'Marketo Access']);
    expect(alarms.size).toBe(0);
  });

  it('a worker woken a minute after the end still shows the mark; long after, nothing', async () => {
    const soon = fakes();
    await soon.sync(READY_AT, READY_AT + 60_000);
    expect(soon.badge.text).toBe(READY_BADGE);
    const late = fakes();
    await late.sync(READY_AT, READY_AT + 60 * 60_000);
    expect(late.badge.text).toBe('');
  });

  it('connecting again during the mark restarts the countdown and drops the mark’s alarm', async () => {
    const { alarms, badge, sync } = fakes();
    await sync(READY_AT, READY_AT + 1000);
    const again = READY_AT + 1000 + 10 * 60_000;
    await sync(again, READY_AT + 1000);
    expect(badge.text).toBe('10m');
    expect([...alarms.keys()].sort()).toEqual([BADGE_TICK_ALARM, WAITING_PERIOD_END_ALARM].sort());
  });

  it('a disconnected org shows nothing', async () => {
    const { badge, sync } = fakes();
    await sync(READY_AT, READY_AT + 1000);
    await sync(undefined, READY_AT + 2000);
    expect(badge.text).toBe('');
  });
});
