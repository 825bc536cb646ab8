import { describe, expect, it, vi } from 'vitest';
import { T0 } from '../../tests/fixtures/domain.ts';
import { BADGE_TICK_ALARM, WAITING_PERIOD_END_ALARM } from './badge.ts';
import { readyNotice, READY_NOTIFICATION_ID } from './ready-notice.ts';

const READY_AT = T0 + 10 * 60_000;

function setup({ permitted = true, now = READY_AT } = {}) {
  const notify = vi.fn(async () => 'id');
  const onAlarm = readyNotice({
    hasPermission: async () => permitted,
    notify,
    message: (key) =>
      key === 'notify_readyTitle'
        ? 'Marketo Access: the org is ready'
        : 'The ten-minute wait is over: you can connect members to Marketo now.',
    iconUrl: '/icon/ready.png',
    now: () => now,
  });
  return { notify, onAlarm };
}

describe('readyNotice', () => {
  it('says the org is ready when the waiting period’s end alarm fires', async () => {
    const { notify, onAlarm } = setup();
    await onAlarm({ name: WAITING_PERIOD_END_ALARM, scheduledTime: READY_AT });
    expect(notify).toHaveBeenCalledWith(READY_NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: '/icon/ready.png',
      title: 'Marketo Access: the org is ready',
      message: 'The ten-minute wait is over: you can connect members to Marketo now.',
    });
  });

  it.each([
    [
      'without the notifications permission',
      { permitted: false },
      { name: WAITING_PERIOD_END_ALARM, scheduledTime: READY_AT },
    ],
    ['for the badge’s tick', {}, { name: BADGE_TICK_ALARM, scheduledTime: READY_AT }],
    [
      'for an end alarm delivered an hour late (the browser was closed)',
      { now: READY_AT + 60 * 60_000 },
      { name: WAITING_PERIOD_END_ALARM, scheduledTime: READY_AT },
    ],
  ])('stays silent %s', async (_case, options, alarm) => {
    const { notify, onAlarm } = setup(options);
    await onAlarm(alarm);
    expect(notify).not.toHaveBeenCalled();
  });

  it('a notice the system refuses does not throw into the worker', async () => {
    const onAlarm = readyNotice({
      hasPermission: async () => true,
      notify: async () => Promise.reject(new Error('no')),
      message: () => 'x',
      iconUrl: '',
      now: () => READY_AT,
    });
    await expect(onAlarm({ name: WAITING_PERIOD_END_ALARM, scheduledTime: READY_AT })).resolves.toBeUndefined();
  });
});
