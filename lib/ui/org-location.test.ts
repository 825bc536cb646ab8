import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readOrgLocation, writeOrgLocation } from '../backend/settings.ts';
import { followOrgLocation, orgLocation } from './org-location.ts';

const trialRead = vi.hoisted(() => ({ firstRun: true, release: undefined as undefined | (() => void) }));
vi.mock('../backend/trial/page/first-paint.ts', () => ({
  readOrgViewFast: vi.fn(
    () => new Promise((done) => (trialRead.release = () => done({ firstRun: trialRead.firstRun }))),
  ),
}));

beforeEach(() => {
  fakeBrowser.reset();
  orgLocation.value = 'loading';
  trialRead.firstRun = true;
});

describe('following where the org lives', () => {
  it('a slow first read does not undo a choice made meanwhile', async () => {
    const stop = followOrgLocation();
    await vi.waitFor(() => expect(trialRead.release).toBeDefined());
    await writeOrgLocation({ mode: 'server', serverUrl: 'https://access.example.com' });
    await vi.waitFor(() =>
      expect(orgLocation.value).toEqual({ mode: 'server', serverUrl: 'https://access.example.com' }),
    );
    trialRead.release!();
    await new Promise((r) => setTimeout(r, 10));
    expect(orgLocation.value).toEqual({ mode: 'server', serverUrl: 'https://access.example.com' });
    stop();
  });

  it('an org already in this browser (a build from before the server) is taken as the trial', async () => {
    trialRead.firstRun = false;
    trialRead.release = undefined;
    const stop = followOrgLocation();
    await vi.waitFor(() => expect(trialRead.release).toBeDefined());
    trialRead.release!();
    await vi.waitFor(() => expect(orgLocation.value).toEqual({ mode: 'trial' }));
    expect(await readOrgLocation()).toEqual({ mode: 'trial' });
    stop();
  });
});
