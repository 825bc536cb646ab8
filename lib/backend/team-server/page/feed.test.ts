import { beforeEach, describe, expect, it } from 'vitest';
import { followChanges, type FeedDeps, type FeedStatus } from './feed.ts';
import { createFakeServer, type FakeServer } from '../../../../tests/doubles/team-server-api.ts';

let server: FakeServer;
let token: string | undefined;

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
};

function follow(extra: Partial<FeedDeps> = {}) {
  const versions: number[] = [];
  const statuses: FeedStatus[] = [];
  const delays: number[] = [];
  const feed = followChanges({
    serverUrl: server.origin,
    token: async () => token,
    fetch: server.fetch,
    onVersion: (v) => versions.push(v),
    onStatus: (s) => statuses.push(s),
    random: () => 1,
    sleep: async (ms) => void delays.push(ms),
    ...extra,
  });
  return { feed, versions, statuses, delays };
}

beforeEach(() => {
  server = createFakeServer();
  token = server.signIn('olivia@example.com');
});

describe('the change feed', () => {
  it('hears the current version, then each change; heartbeats are nothing', async () => {
    const { feed, versions } = follow();
    await until(() => versions.length === 1);
    server.heartbeat();
    server.change();
    server.change();
    await until(() => versions.length === 3);
    expect(versions).toEqual([1, 2, 3]);
    feed.stop();
    await feed.done;
  });

  it('sends the token in the Authorization header, never in the URL', async () => {
    const { feed, versions } = follow();
    await until(() => versions.length === 1);
    const [request] = server.requests;
    expect(request?.path).toBe('/api/changes');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${token}`);
    feed.stop();
  });

  it('after the stream breaks, waits, connects again and catches up with the current version', async () => {
    const { feed, versions, statuses, delays } = follow();
    await until(() => versions.length === 1);
    server.dropFeeds();
    server.change(); // made while the line was down: no one heard it
    await until(() => versions.length === 2);
    expect(versions).toEqual([1, 2]);
    expect(statuses).toContain('offline');
    expect(delays).toEqual([1000]);
    feed.stop();
  });

  it('waits longer after each failed try, up to the ceiling, and starts over once a line worked', async () => {
    server.fault(
      'network',
      'network',
      { status: 502, body: null },
      'network',
      'network',
      'network',
      'network',
      'network',
    );
    const { feed, versions, delays } = follow({ maxDelayMs: 30_000 });
    await until(() => versions.length === 1);
    expect(delays).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
    server.dropFeeds();
    await until(() => versions.length === 2);
    expect(delays.at(-1)).toBe(1000);
    feed.stop();
  });

  it('a line silent for longer than the heartbeat is dropped and made again', async () => {
    const { feed, versions } = follow({ idleMs: 20 });
    await until(() => versions.length >= 2);
    expect(server.requests.filter((r) => r.path === '/api/changes').length).toBeGreaterThanOrEqual(2);
    feed.stop();
  });

  it('stops for good on 401, and when signed out', async () => {
    token = 'expired';
    const first = follow();
    await first.feed.done;
    expect(first.statuses.at(-1)).toBe('signed-out');
    expect(server.requests).toHaveLength(1);

    token = undefined;
    const second = follow();
    await second.feed.done;
    expect(second.statuses).toEqual(['connecting', 'signed-out']);
  });

  it('ignores events it does not know and versions that are not versions', async () => {
    const encoder = new TextEncoder();
    const fetch: FeedDeps['fetch'] = async () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(
              encoder.encode(
                'event: other\ndata: {"version":5}\n\nevent: org-changed\ndata: nope\n\nevent: org-changed\ndata: {"version":-1}\n\n',
              ),
            );
            c.enqueue(encoder.encode('event: org-changed\ndata: {"version":7}\n\n'));
          },
        }),
        { status: 200 },
      );
    const { feed, versions } = follow({ fetch });
    await until(() => versions.length === 1);
    expect(versions).toEqual([7]);
    feed.stop();
  });

  it("a server process shutting down (retry hint, event: reconnect) is left at once and followed again after the hint's time", async () => {
    const encoder = new TextEncoder();
    let connections = 0;
    let firstCancelled = false;
    const fetch: FeedDeps['fetch'] = async () => {
      const connection = ++connections;
      return new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(encoder.encode(`event: org-changed\ndata: {"version":${connection}}\n\n`));
            // The draining process: it asks to reconnect and, here, never ends the stream itself.
            if (connection === 1)
              c.enqueue(encoder.encode('retry: 3000\nevent: reconnect\ndata: {"reason":"shutting-down"}\n\n'));
          },
          cancel() {
            if (connection === 1) firstCancelled = true;
          },
        }),
        { status: 200 },
      );
    };
    // The wait is the server's hint (random() = 1: the top of its jitter), not the doubling after a failure.
    const { feed, versions, delays, statuses } = follow({ fetch, random: () => 1 });
    await until(() => versions.length === 2);
    expect(versions).toEqual([1, 2]);
    expect(firstCancelled).toBe(true);
    expect(delays).toEqual([3000]);
    expect(statuses.filter((s) => s === 'connected')).toHaveLength(2);
    feed.stop();
  });

  it('stop closes the stream and ends the loop, even while it waits', async () => {
    const { feed, versions, statuses } = follow();
    await until(() => versions.length === 1);
    feed.stop();
    await feed.done;
    expect(statuses.at(-1)).toBe('stopped');
    await until(() => server.openFeeds() === 0);

    server.fault('network');
    const waiting = follow({ sleep: () => new Promise(() => undefined) });
    await until(() => waiting.statuses.includes('offline'));
    waiting.feed.stop();
    await waiting.feed.done;
    expect(waiting.statuses.at(-1)).toBe('stopped');
  });
});
