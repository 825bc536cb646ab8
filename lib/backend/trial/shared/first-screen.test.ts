import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDbName, manualClock, startWorker } from '../../../../tests/fixtures/worker-harness.ts';
import { orgView, readFirstScreenEarly } from '../../../ui/org-state.ts';
import { writeOrgLocation } from '../../settings.ts';
import { readOwnView } from '../page/page-reader.ts';
import { FIRST_SCREEN, readKeptFirstScreen } from './first-screen.ts';

beforeEach(() => {
  fakeBrowser.reset();
  orgView.value = undefined;
});

const names = (view: { members: readonly { name: string }[] } | undefined) => view?.members.map((m) => m.name);

describe("the first screen the worker keeps for pages' first paint (trial)", () => {
  it('is what a page would read from the store, after every change, before the answer', async () => {
    const dbName = freshDbName();
    const w = startWorker({ dbName, now: manualClock(Date.UTC(2026, 11, 6, 9)).now });
    await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
    expect(names(await readKeptFirstScreen())).toEqual(['Olivia Owner']);
    await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
    const kept = await readKeptFirstScreen();
    expect(names(kept)).toEqual(['Ana', 'Olivia Owner']);
    expect(kept).toEqual(await readOwnView(dbName, { firstScreen: FIRST_SCREEN }));
    // Signed out: the next page paints the signed-out view, not the admin's members.
    await w.must('signOut', {});
    const out = await readKeptFirstScreen();
    expect(out?.me).toBeUndefined();
    expect(out?.members).toEqual([]);
    await w.close();
  });

  it('is written again at each wake (a browser restart empties it)', async () => {
    const dbName = freshDbName();
    const clock = manualClock(Date.UTC(2026, 11, 6, 9));
    const first = startWorker({ dbName, now: clock.now });
    await first.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
    await first.close();
    await fakeBrowser.storage.session.clear();
    const again = startWorker({ dbName, now: clock.now });
    await again.worker.woken;
    expect(names(await readKeptFirstScreen())).toEqual(['Olivia Owner']);
    await again.close();
  });

  it('is what a page paints first when where the org lives is this browser, without the store', async () => {
    const kept = { me: undefined, members: [{ name: 'Kept Member' }], grants: [], activity: [], admins: [] };
    await fakeBrowser.storage.session.set({ trialFirstScreen: kept });
    await writeOrgLocation({ mode: 'trial' });
    readFirstScreenEarly();
    await expect.poll(() => names(orgView.value)).toEqual(['Kept Member']);
  });
});
