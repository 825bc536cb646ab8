import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_VIEW } from '../../tests/fixtures/team-server-views.ts';
import { settle } from './server-org-state.ts';

const replica = vi.hoisted(() => ({ value: undefined as undefined | { view: unknown; at: number } }));
vi.mock('../backend/team-server/shared/replica.ts', () => ({ readReplicaFast: vi.fn(async () => replica.value) }));

beforeEach(() => (replica.value = undefined));

describe('what a page shows in server mode', () => {
  it('the server’s fresh view, with no "as of"', async () => {
    replica.value = { view: { ...ADMIN_VIEW, members: [] }, at: 5 };
    expect(await settle({ ok: true, value: ADMIN_VIEW })).toEqual({ view: ADMIN_VIEW });
  });

  it.each(['server-unreachable', 'server-unavailable'] as const)(
    'on %s, the replica and the time it is from',
    async (code) => {
      replica.value = { view: ADMIN_VIEW, at: 1_900_000_000_000 };
      expect(await settle({ ok: false, error: { code, message: 'down' } })).toEqual({
        view: ADMIN_VIEW,
        asOf: 1_900_000_000_000,
      });
    },
  );

  it('the problem, when there is no replica to stand in', async () => {
    const error = {
      code: 'server-unreachable',
      message: 'The team server cannot be reached: nothing was changed.',
    } as const;
    expect(await settle({ ok: false, error })).toEqual({ problem: error });
  });

  it('a refusal is not hidden behind an old view', async () => {
    replica.value = { view: ADMIN_VIEW, at: 5 };
    const error = { code: 'not-signed-in', message: 'Sign in first.' } as const;
    expect(await settle({ ok: false, error })).toEqual({ problem: error });
  });
});

describe('following the server while a page is open', () => {
  it('re-reads on news, on losing the line (for "as of") and on getting it back, not on a reconnection with nothing new', async () => {
    const { followServer } = await import('./server-org-state.ts');
    const feed = await import('../backend/team-server/page/feed.ts');
    let deps: Parameters<typeof feed.followChanges>[0] | undefined;
    vi.spyOn(feed, 'followChanges').mockImplementation((d) => {
      deps = d;
      return { stop: () => undefined, done: Promise.resolve() };
    });
    const changed = vi.fn();
    followServer('https://access.example.com', changed);
    deps!.onVersion(4); // where the org is: the page already asked
    expect(changed).toHaveBeenCalledTimes(0);
    deps!.onVersion(5);
    expect(changed).toHaveBeenCalledTimes(1);
    deps!.onStatus!('offline');
    deps!.onStatus!('offline');
    expect(changed).toHaveBeenCalledTimes(2);
    deps!.onVersion(5); // back, nothing new, but the "as of" must go
    expect(changed).toHaveBeenCalledTimes(3);
    deps!.onStatus!('connecting');
    deps!.onVersion(5);
    expect(changed).toHaveBeenCalledTimes(3);
  });
});
