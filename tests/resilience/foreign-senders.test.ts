/**
 * Only Marketo Access's own pages may command the worker. Each foreign sender
 * below tries the commands that would hurt (claiming a first-run org, granting,
 * inviting, signing the admin out, disconnecting): every one is refused with
 * forbidden-sender, and no store, badge, alarm or announcement changes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHANNEL } from '../../lib/messaging/protocol.ts';
import type { MessageSender } from '../../lib/messaging/sender.ts';
import { EXTENSION_ID, freshDbName, manualClock, ORIGIN, startWorker } from '../fixtures/worker-harness.ts';
import { snapshot } from './support.ts';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

beforeEach(() => fakeBrowser.reset());

const FOREIGN: [string, MessageSender | undefined][] = [
  [
    'a content script of ours (our id, a web page URL)',
    {
      id: EXTENSION_ID,
      url: 'https://app.marketo.com/#/classic/ML0A1ZN2',
      origin: 'https://app.marketo.com',
      tab: { id: 7 },
      frameId: 0,
    } as MessageSender,
  ],
  [
    'another extension',
    {
      id: 'abcdefghijklmnopabcdefghijklmnop',
      url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
      origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    },
  ],
  [
    'a web page (no id)',
    { url: 'https://evil.example/page.html', origin: 'https://evil.example', tab: { id: 8 } } as MessageSender,
  ],
  [
    'a sender whose origin disagrees with its url',
    { id: EXTENSION_ID, url: `${ORIGIN}/options.html`, origin: 'https://evil.example' },
  ],
  ['an undefined sender', undefined],
];

/** Calls the listener as the browser would; a throw is a finding, not a crash of the test. */
function deliver(
  w: ReturnType<typeof startWorker>,
  message: unknown,
  sender: MessageSender | undefined,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      w.worker.onMessage(message, sender as MessageSender, resolve);
    } catch (error) {
      reject(
        new Error(
          `the listener threw for this sender: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        ),
      );
    }
  });
}

const command = (name: string, input: unknown) => ({ channel: CHANNEL, command: name, input });

describe('messages from anything but our own pages', () => {
  it.each(FOREIGN)('%s: refused with forbidden-sender, nothing changes', async (_name, sender) => {
    let announced = 0;
    const clock = manualClock(T0);
    const dbName = freshDbName();
    const w = startWorker({ dbName, now: clock.now, announce: () => announced++ });
    const db = await w.db();

    // First run: whoever signs in first becomes the owner admin.
    const firstRun = await snapshot(db);
    expect(
      await deliver(w, command('signIn', { name: 'Mallory', email: 'mallory@example.com' }), sender),
    ).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await snapshot(db)).toBe(firstRun);
    expect((await w.must('getState', {})).firstRun).toBe(true);

    // An org at work: an owner, a rep, a connection whose waiting period is over.
    await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
    const ana = await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
    await w.must('connectOrg', { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: 'client-secret' });
    clock.advance(10 * 60_000);
    await w.worker.onAlarm({ name: 'waiting-period-end' });
    const before = await snapshot(db);
    const badge = await fakeBrowser.action.getBadgeText({});
    const alarms = JSON.stringify(await fakeBrowser.alarms.getAll());
    announced = 0;
    for (const message of [
      command('grantAccess', { memberIds: [ana.id], workspaceIds: [] }),
      command('inviteMember', { name: 'Mallory', email: 'mallory@example.com', role: 'admin' }),
      command('updateMember', { memberId: ana.id, role: 'admin' }),
      command('disconnectOrg', {}),
      command('signOut', {}),
      command('getState', {}),
    ]) {
      const response = await deliver(w, message, sender);
      expect(response, message.command).toEqual({
        ok: false,
        error: { code: 'forbidden-sender', message: expect.stringMatching(/\S/) },
      });
    }
    expect(await snapshot(db)).toBe(before);
    expect(await fakeBrowser.action.getBadgeText({})).toBe(badge);
    expect(JSON.stringify(await fakeBrowser.alarms.getAll())).toBe(alarms);
    expect(announced).toBe(0);
    await w.close();
  });
});
