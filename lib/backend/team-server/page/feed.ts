import { headers as requestHeaders, type FetchLike } from '../shared/request.ts';
import { createSseParser } from './sse.ts';

export type FeedStatus = 'connecting' | 'connected' | 'offline' | 'signed-out' | 'stopped';

export interface FeedDeps {
  serverUrl: string;
  token: () => Promise<string | undefined>;
  fetch: FetchLike;
  /** The org's version: once on each (re)connection, then on each change. The caller re-reads the org. */
  onVersion: (version: number) => void;
  onStatus?: (status: FeedStatus) => void;
  /** First wait after a failure, doubled each time up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** The server sends a heartbeat every 20 s: this long without a byte means the line is dead. */
  idleMs?: number;
  random?: () => number;
  /** Waits; tests pass their own to see the delays. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Follows `GET {server}/api/changes` with fetch streaming: the bearer token
 * goes in a header (EventSource could only put it in the URL, where logs keep
 * it). After an error or the end of the stream it waits, longer each time,
 * and connects again; the server's first event then carries the current
 * version, so the caller catches up by re-reading. A 401 stops it: the
 * session is over. A server process that shuts down ends the stream with
 * `event: reconnect` and a `retry:` time: that is no failure, and the feed
 * connects again after about that time (the load balancer picks another
 * process).
 */
export function followChanges(deps: FeedDeps): { stop: () => void; done: Promise<void> } {
  const firstDelay = deps.firstDelayMs ?? 1_000;
  const maxDelay = deps.maxDelayMs ?? 60_000;
  const idleMs = deps.idleMs ?? 45_000;
  const random = deps.random ?? Math.random;
  let stopped = false;
  let current: AbortController | undefined;
  let wake: () => void = () => undefined;
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const status = (s: FeedStatus) => deps.onStatus?.(s);
  // A stop ends the wait at once.
  const wait = (ms: number) => Promise.race([(deps.sleep ?? realSleep)(ms), woken]);

  /** Reads one connection to its end; answers whether any event came (the line worked), or what the server asked. */
  const follow = async (
    token: string,
    controller: AbortController,
  ): Promise<'signed-out' | { reconnectAfterMs: number } | boolean> => {
    let idle = setTimeout(() => controller.abort(), idleMs);
    const alive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), idleMs);
    };
    let heard = false;
    try {
      const response = await deps.fetch(`${deps.serverUrl}/api/changes`, {
        method: 'GET',
        headers: { ...requestHeaders(token), Accept: 'text/event-stream' },
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (response.status === 401) return 'signed-out';
      if (!response.ok || !response.body) return false;
      status('connected');
      const reader = response.body.getReader();
      // An abort (stop, or a silent line) must end a read in progress, whatever the fetch does with its signal.
      const cancel = () => void reader.cancel().catch(() => undefined);
      if (controller.signal.aborted) cancel();
      controller.signal.addEventListener('abort', cancel);
      const decoder = new TextDecoder();
      let retryMs = firstDelay;
      const parse = createSseParser({ onRetry: (ms) => (retryMs = Math.min(ms, maxDelay)) });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return heard;
        alive();
        for (const event of parse(decoder.decode(value, { stream: true }))) {
          if (event.event === 'reconnect') {
            cancel();
            return { reconnectAfterMs: retryMs };
          }
          if (event.event !== 'org-changed') continue;
          const version = versionOf(event.data);
          if (version === undefined) continue;
          heard = true;
          deps.onVersion(version);
        }
      }
    } catch {
      return heard;
    } finally {
      clearTimeout(idle);
    }
  };

  const loop = async () => {
    let failures = 0;
    while (!stopped) {
      status('connecting');
      const token = await deps.token();
      if (!token) {
        status('signed-out');
        return;
      }
      current = new AbortController();
      const outcome = await follow(token, current);
      if (stopped) break;
      if (outcome === 'signed-out') {
        status('signed-out');
        return;
      }
      // A connection that delivered events, or that the server closed on purpose, was healthy: start the waits over.
      failures = outcome ? 0 : failures + 1;
      status('offline');
      const base =
        typeof outcome === 'object'
          ? outcome.reconnectAfterMs
          : Math.min(maxDelay, firstDelay * 2 ** Math.min(failures, 16));
      // Jitter, so a restarted server is not met by every browser at once.
      await wait(base / 2 + (base / 2) * random());
    }
    status('stopped');
  };

  const done = loop();
  return {
    stop: () => {
      stopped = true;
      current?.abort();
      wake();
    },
    done,
  };
}

function versionOf(data: string): number | undefined {
  try {
    const parsed = JSON.parse(data) as { version?: unknown } | null;
    const version = parsed?.version;
    return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : undefined;
  } catch {
    return undefined;
  }
}
