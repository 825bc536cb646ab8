import { hash } from 'node:crypto';
import type { SessionCaller } from './caller.ts';

/** What the cache needs to hear from the change feed: sessions that end, and when it may have missed that. */
export interface SessionNotices {
  /** Whether notices of ended sessions reach this process now (its LISTEN connection is up). */
  listening(): boolean;
  /** Whether a notice sent through the pool was heard ('failed': LISTEN hears nothing, as behind a pooler). */
  selfTest(): 'passed' | 'failed' | 'pending';
  /** Each session that ended (sign-out, its member removed or given a new role), from any process. */
  onSessionEnded(listener: (sessionId: string) => void): () => void;
  /** The LISTEN connection was lost, or its self-test failed: notices sent since may never arrive. */
  onNoticesMissed(listener: () => void): () => void;
}

export interface CallerCacheOptions {
  notices: SessionNotices;
  /** How long a caller is kept without asking better-auth again: the bound on a notice missed unawares. */
  ttlMs?: number;
  /** Callers kept at most (the oldest go first). */
  max?: number;
  now?: () => number;
}

export interface CallerCache {
  /**
   * The caller a bearer token proves: kept from an earlier request while no
   * notice said its session ended, else `lookup`'s answer (kept when that is
   * safe). Undefined: no caller.
   */
  get(token: string, lookup: () => Promise<SessionCaller | undefined>): Promise<SessionCaller | undefined>;
  /** This process ended the session (sign-out here): dropped now, before its notice comes back. */
  forget(sessionId: string): void;
  size(): number;
}

export const CALLER_TTL_MS = 60_000;
export const CALLERS_KEPT = 20_000;

interface Kept {
  caller: SessionCaller;
  until: number;
}

/**
 * One process's callers by bearer, so that a read does not ask better-auth
 * and the database who it is each time. Keyed by the token's SHA-256 (the
 * process holds no bearer a heap dump could replay). Dropped by the same
 * NOTIFY that ends a session's change streams (sign-out, removal, a new
 * role: `sessions_ended`), all at once when the LISTEN connection is lost
 * or its start-up self-test fails, and never filled while nothing is heard. A lookup that raced with a notice
 * (it read the session just before it ended) is not kept: every notice moves
 * a generation, and only a lookup that saw none is stored. The TTL bounds
 * what a silently dead connection could hide; a session's own expiry always
 * applies.
 */
export function createCallerCache({
  notices,
  ttlMs = CALLER_TTL_MS,
  max = CALLERS_KEPT,
  now = Date.now,
}: CallerCacheOptions): CallerCache {
  const kept = new Map<string, Kept>();
  const hearing = () => notices.listening() && notices.selfTest() !== 'failed';
  let generation = 0;

  // Notices are rare (a sign-out, a removal, a new role): a scan of what is kept costs less than an index to keep.
  const forget = (sessionId: string) => {
    generation++;
    for (const [key, entry] of kept) if (entry.caller.sessionId === sessionId) kept.delete(key);
  };
  notices.onSessionEnded(forget);
  notices.onNoticesMissed(() => {
    generation++;
    kept.clear();
  });

  return {
    async get(token, lookup) {
      const key = hash('sha256', token, 'base64url');
      const at = now();
      const entry = kept.get(key);
      if (entry && entry.until > at && entry.caller.expiresAt > at) return entry.caller;
      kept.delete(key);
      const before = generation;
      const caller = await lookup();
      if (!caller || before !== generation || !hearing()) return caller;
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(key, { caller, until: at + ttlMs });
      return caller;
    },
    forget,
    size: () => kept.size,
  };
}
