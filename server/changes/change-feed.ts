import pg from 'pg';
import { SESSIONS_ENDED_CHANNEL } from '../store/sessions.ts';
import { CHANGES_CHANNEL } from '../store/store-access.ts';

export type VersionListener = (version: number) => void;

export interface ChangeFeed {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  /** Calls `listener` with each committed version of the org, from any process on this database. */
  subscribe(orgId: string, listener: VersionListener): () => void;
  /** Calls `onEnded` once when the session ends (sign-out, the member removed or given a new role), from any process. */
  watchSession(sessionId: string, onEnded: () => void): () => void;
  close(): Promise<void>;
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed back and
 * lose the subscription). PostgreSQL delivers a NOTIFY only once its
 * transaction commits, to every listening process: that is the fan-out
 * between server processes. A lost connection is re-opened, and then each
 * subscribed org's current version is delivered, so a change committed
 * while nobody listened is still announced (listeners ignore a version they
 * already have), and each watched session that ended meanwhile is announced.
 */
export function createChangeFeed(url: string, log: (line: string) => void = () => {}): ChangeFeed {
  const listeners = new Map<string, Set<VersionListener>>();
  const sessions = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const deliver = (payload: string | undefined) => {
    const at = payload?.lastIndexOf(':') ?? -1;
    if (!payload || at < 1) return;
    const version = Number(payload.slice(at + 1));
    for (const listener of listeners.get(payload.slice(0, at)) ?? []) listener(version);
  };

  const ended = (sessionId: string | undefined) => {
    const watchers = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (!watchers) return;
    sessions.delete(sessionId!);
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

  let opened = 0;
  const open = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) deliver(message.payload);
      else if (message.channel === SESSIONS_ENDED_CHANNEL) ended(message.payload);
    });
    next.on('error', () => reopen());
    next.on('end', () => reopen());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${SESSIONS_ENDED_CHANNEL}`);
      client = next;
      if (opened++ > 0) await catchUp(next);
    } catch {
      next.end().catch(() => {});
      reopen();
    }
  };

  const reopen = () => {
    if (closed || retry) return;
    client = undefined;
    log('change feed: lost its database connection, retrying');
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
    async close() {
      closed = true;
      clearTimeout(retry);
      await ready;
      await client?.end().catch(() => {});
    },
  };
}
