import { describe, expect, it } from 'vitest';
import type { SessionCaller } from './caller.ts';
import { createCallerCache, type SessionNotices } from './caller-cache.ts';

// The cache alone, with notices and a clock the test drives. The two-process behaviour is server/tests/caller-cache.test.ts.
function setUp(options: { ttlMs?: number; max?: number } = {}) {
  let at = 1_000_000;
  const ended = new Set<(id: string) => void>();
  const missed = new Set<() => void>();
  const notices = {
    listening: true,
    selfTest: 'passed' as ReturnType<SessionNotices['selfTest']>,
  };
  const cache = createCallerCache({
    notices: {
      listening: () => notices.listening,
      selfTest: () => notices.selfTest,
      onSessionEnded: (l) => (ended.add(l), () => ended.delete(l)),
      onNoticesMissed: (l) => (missed.add(l), () => missed.delete(l)),
    },
    now: () => at,
    ...options,
  });
  let lookups = 0;
  const caller = (sessionId: string, expiresAt = at + 86_400_000): SessionCaller => ({
    orgId: 'org',
    memberId: `m-${sessionId}`,
    sessionId,
    expiresAt,
  });
  /** What the cache answers for this token (a lookup finds `found`, by default its caller; null: none), counting lookups. */
  const get = (token: string, found: SessionCaller | null = caller(token)) =>
    cache.get(token, async () => {
      lookups++;
      return found ?? undefined;
    });
  return {
    cache,
    notices,
    get,
    caller,
    lookups: () => lookups,
    advance: (ms: number) => void (at += ms),
    endSession: (id: string) => ended.forEach((l) => l(id)),
    miss: () => missed.forEach((l) => l()),
  };
}

describe('createCallerCache', () => {
  it('answers a checked bearer without asking again, and each bearer for its own caller', async () => {
    const t = setUp();
    expect((await t.get('s1'))?.sessionId).toBe('s1');
    expect((await t.get('s1'))?.sessionId).toBe('s1');
    expect((await t.get('s2'))?.sessionId).toBe('s2');
    expect(t.lookups()).toBe(2);
  });

  it('asks again after a notice that the session ended, and only for that session', async () => {
    const t = setUp();
    await t.get('s1');
    await t.get('s2');
    t.endSession('s1');
    expect(await t.get('s1', null)).toBeUndefined();
    await t.get('s2');
    expect(t.lookups()).toBe(3);
  });

  it('forgets a session this process ended', async () => {
    const t = setUp();
    await t.get('s1');
    t.cache.forget('s1');
    expect(await t.get('s1', null)).toBeUndefined();
  });

  it('keeps nothing a notice raced with: the lookup read the session just before it ended', async () => {
    const t = setUp();
    await t.cache.get('s1', async () => {
      t.endSession('s1');
      return t.caller('s1');
    });
    expect(await t.get('s1', null)).toBeUndefined();
    expect(t.cache.size()).toBe(0);
  });

  it('empties when notices may have been missed, and keeps nothing while none are heard', async () => {
    const t = setUp();
    await t.get('s1');
    t.notices.listening = false;
    t.miss();
    expect(await t.get('s1', null)).toBeUndefined();
    await t.get('s2');
    await t.get('s2');
    expect(t.lookups()).toBe(4);
    t.notices.listening = true;
    t.notices.selfTest = 'failed';
    await t.get('s3');
    await t.get('s3');
    expect(t.lookups()).toBe(6);
    expect(t.cache.size()).toBe(0);
  });

  it('asks again after its TTL, and never answers a session past its expiry', async () => {
    const t = setUp({ ttlMs: 60_000 });
    await t.get('s1');
    t.advance(59_999);
    await t.get('s1');
    expect(t.lookups()).toBe(1);
    t.advance(1);
    expect(await t.get('s1', null)).toBeUndefined();
    expect(t.cache.size()).toBe(0);
    await t.get('short', t.caller('short', 1_000_000 + 60_000 + 10));
    t.advance(10);
    expect(await t.get('short', null)).toBeUndefined();
  });

  it('keeps at most `max` callers, the oldest going first', async () => {
    const t = setUp({ max: 2 });
    await t.get('s1');
    await t.get('s2');
    await t.get('s3');
    expect(t.cache.size()).toBe(2);
    await t.get('s2');
    await t.get('s3');
    expect(t.lookups()).toBe(3);
    await t.get('s1');
    expect(t.lookups()).toBe(4);
  });

  it('does not keep a refusal', async () => {
    const t = setUp();
    expect(await t.get('nobody', null)).toBeUndefined();
    expect(await t.get('nobody', null)).toBeUndefined();
    expect(t.lookups()).toBe(2);
  });
});
