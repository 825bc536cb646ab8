import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SessionNotices } from '../auth/caller-cache.ts';
import type { Logger } from '../observability/logger.ts';
import { SESSIONS_ENDED_CHANNEL } from '../store/sessions.ts';
import { CHANGES_CHANNEL } from '../store/store-access.ts';

export type VersionListener = (version: number) => void;

/** A notice each process sends itself at start, through the commands' pool, to prove its LISTEN hears the others. */
export const SELF_TEST_CHANNEL = 'org_changed_self_test';

export interface ChangeFeed extends SessionNotices {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  /** Calls `listener` with each committed version of the org, from any process on this database. */
  subscribe(orgId: string, listener: VersionListener): () => void;
  /** Calls `onEnded` once when the session ends (sign-out, the member removed or given a new role), from any process. */
  watchSession(sessionId: string, onEnded: () => void): () => void;
  /** Whether the LISTEN connection is up now. */
  listening(): boolean;
  /** The start-up check: did a notice sent through the pool reach the LISTEN connection? */
  selfTest(): 'passed' | 'failed' | 'pending';
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  /** The direct connection for LISTEN (DATABASE_DIRECT_URL), for org changes and ended sessions: never a transaction-mode pooler. */
  url: string;
  log: Logger;
  /** Sends a notice the way commands do (through DATABASE_URL's pool); the self-test uses it. */
  notify?: (channel: string, payload: string) => Promise<void>;
  /** How long the self-test waits for its notice. */
  selfTestMs?: number;
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed back and
 * lose the subscription). PostgreSQL delivers a NOTIFY only once its
 * transaction commits, to every listening process: that is the fan-out
 * between server processes. A lost connection is re-opened, and then each
 * subscribed org's current version is delivered, so a change committed
 * while nobody listened is still announced (listeners ignore a version they
 * already have), and each watched session that ended meanwhile is announced.
 *
 * Behind a transaction-mode pooler (PgBouncer), LISTEN returns without error
 * and then hears nothing: the server connection it ran on goes back to the
 * pool. So once the first LISTEN is in place, a notice is sent through the
 * commands' pool and must arrive here within a few seconds; if it does not,
 * an error says which setting to fix.
 */
export function createChangeFeed({ url, log, notify, selfTestMs = 5_000 }: ChangeFeedOptions): ChangeFeed {
  const listeners = new Map<string, Set<VersionListener>>();
  const sessions = new Map<string, Set<() => void>>();
  const anySessionEnded = new Set<(sessionId: string) => void>();
  const missed = new Set<() => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let selfTest: 'passed' | 'failed' | 'pending' = 'pending';
  let expected: { nonce: string; heard: () => void } | undefined;

  const deliver = (payload: string | undefined) => {
    const at = payload?.lastIndexOf(':') ?? -1;
    if (!payload || at < 1) return;
    const version = Number(payload.slice(at + 1));
    for (const listener of listeners.get(payload.slice(0, at)) ?? []) listener(version);
  };

  const ended = (sessionId: string | undefined) => {
    if (sessionId === undefined) return;
    // The caller cache first: once a stream is seen to end, the next request is checked afresh.
    for (const listener of anySessionEnded) listener(sessionId);
    const watchers = sessions.get(sessionId);
    if (!watchers) return;
    sessions.delete(sessionId);
    for (const onEnded of watchers) onEnded();
  };

  const catchUp = async (listening: pg.Client) => {
    const orgIds = [...listeners.keys()];
    if (orgIds.length > 0) {
      const { rows } = await listening.query<{ id: string; version: string }>(
        'SELECT id, version FROM orgs WHERE id = ANY($1)',
        [orgIds],
      );
      for (const row of rows) deliver(`${row.id}:${row.version}`);
    }
    const watched = [...sessions.keys()];
    if (watched.length > 0) {
      const { rows } = await listening.query<{ id: string }>('SELECT id FROM "session" WHERE id = ANY($1)', [watched]);
      const alive = new Set(rows.map((r) => r.id));
      for (const id of watched) if (!alive.has(id)) ended(id);
    }
  };

  const runSelfTest = async (send: NonNullable<ChangeFeedOptions['notify']>) => {
    const nonce = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<boolean>((resolve) => {
      expected = { nonce, heard: () => resolve(true) };
      timer = setTimeout(() => resolve(false), selfTestMs);
    });
    try {
      await send(SELF_TEST_CHANNEL, nonce);
    } catch {
      // The database is not answering: the reconnection logic reports that; the test is void.
      clearTimeout(timer);
      expected = undefined;
      return;
    }
    const arrived = await heard;
    clearTimeout(timer);
    expected = undefined;
    if (closed) return;
    selfTest = arrived ? 'passed' : 'failed';
    // Deaf to the other processes (LISTEN behind a transaction-mode pooler): nothing may be kept on their notices.
    if (!arrived) for (const listener of missed) listener();
    if (arrived) log.debug('change feed: a notice sent through the pool reached the LISTEN connection');
    else
      log.error(
        { waitedMs: selfTestMs },
        'change feed: a notice sent through DATABASE_URL did not reach the LISTEN connection: changes made on other server processes will not reach pages followed here. LISTEN needs a direct connection: if DATABASE_URL goes through a transaction-mode pooler (PgBouncer), set DATABASE_DIRECT_URL to the database itself.',
      );
  };

  let opened = 0;
  const open = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) deliver(message.payload);
      else if (message.channel === SESSIONS_ENDED_CHANNEL) ended(message.payload);
      else if (message.channel === SELF_TEST_CHANNEL && expected && message.payload === expected.nonce)
        expected.heard();
    });
    next.on('error', () => reopen());
    next.on('end', () => reopen());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
      await next.query(`LISTEN ${SESSIONS_ENDED_CHANNEL}`);
      await next.query(`LISTEN ${SELF_TEST_CHANNEL}`);
      client = next;
      if (opened++ > 0) {
        log.info('change feed: listening again');
        await catchUp(next);
      } else if (notify) void runSelfTest(notify);
    } catch {
      next.end().catch(() => {});
      reopen();
    }
  };

  const reopen = () => {
    if (closed || retry) return;
    client = undefined;
    // Notices sent from now until LISTEN is back are lost: whatever was kept on their strength goes.
    for (const listener of missed) listener();
    log.warn('change feed: lost its database connection, retrying');
    retry = setTimeout(() => {
      retry = undefined;
      void open();
    }, 1_000);
  };

  const ready = open();
  return {
    ready,
    subscribe(orgId, listener) {
      let set = listeners.get(orgId);
      if (!set) listeners.set(orgId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(orgId);
      };
    },
    watchSession(sessionId, onEnded) {
      let set = sessions.get(sessionId);
      if (!set) sessions.set(sessionId, (set = new Set()));
      set.add(onEnded);
      return () => {
        set.delete(onEnded);
        if (set.size === 0 && sessions.get(sessionId) === set) sessions.delete(sessionId);
      };
    },
    onSessionEnded(listener) {
      anySessionEnded.add(listener);
      return () => void anySessionEnded.delete(listener);
    },
    onNoticesMissed(listener) {
      missed.add(listener);
      return () => void missed.delete(listener);
    },
    listening: () => client !== undefined,
    selfTest: () => selfTest,
    async close() {
      closed = true;
      clearTimeout(retry);
      expected?.heard();
      await ready;
      await client?.end().catch(() => {});
    },
  };
}
