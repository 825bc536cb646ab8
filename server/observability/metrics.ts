import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const HTTP_LABELS = ['method', 'route', 'command', 'status'] as const;

/**
 * The process's Prometheus series. Every label value comes from a short
 * fixed set (HTTP methods, route patterns, command names from the registry,
 * status codes, Marketo error codes), never from an org id, an email or a
 * raw path, so the number of series stays bounded whatever clients send.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<(typeof HTTP_LABELS)[number]>;
  httpDuration: Histogram<(typeof HTTP_LABELS)[number]>;
  /** Open change streams (GET /api/changes) on this process. */
  followers: Gauge;
  /** Each HTTP call to Marketo, by API and answer (`ok`, a Marketo error code, `http-<status>`, `network`, `timeout`). */
  marketoCalls: Counter<'api' | 'outcome'>;
  /** Read the pool's connections at each scrape. */
  watchPool(pool: pg.Pool): void;
  /** Read the change feed's state at each scrape. */
  watchFeed(feed: { listening(): boolean; selfTest(): 'passed' | 'failed' | 'pending' }): void;
}

const PREFIX = 'marketo_access_';

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  // Node's own series (memory, event loop lag, handles): once per process, so only the production entry asks.
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const pools: pg.Pool[] = [];
  const poolGauge = (name: string, help: string, read: (pool: pg.Pool) => number) =>
    new Gauge({
      name: `${PREFIX}db_pool_${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(pools.reduce((sum, pool) => sum + read(pool), 0));
      },
    });
  poolGauge('connections', 'Connections the pool holds (busy and idle).', (pool) => pool.totalCount);
  poolGauge('idle', 'Connections the pool holds that no query uses.', (pool) => pool.idleCount);
  poolGauge('waiting', 'Queries waiting for a connection of the pool.', (pool) => pool.waitingCount);
  let feed: Parameters<Metrics['watchFeed']>[0] | undefined;
  new Gauge({
    name: `${PREFIX}change_feed_listening`,
    help: '1 while the change feed holds its LISTEN connection, else 0.',
    registers: [registry],
    collect() {
      this.set(feed?.listening() ? 1 : 0);
    },
  });
  new Gauge({
    name: `${PREFIX}change_feed_self_test`,
    help: '1 when a notice sent through DATABASE_URL reached the LISTEN connection at start, 0 when it did not (LISTEN through a transaction-mode pooler?), -1 while it is pending.',
    registers: [registry],
    collect() {
      const result = feed?.selfTest();
      this.set(result === 'passed' ? 1 : result === 'failed' ? 0 : -1);
    },
  });
  return {
    registry,
    httpRequests: new Counter({
      name: `${PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by method, route pattern, command (POST /api/commands/:name) and status.',
      labelNames: HTTP_LABELS,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time from the request to its answer (for a change stream: until its answer is decided, just before its head is sent).',
      labelNames: HTTP_LABELS,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    followers: new Gauge({
      name: `${PREFIX}change_feed_followers`,
      help: 'Change streams (GET /api/changes) open on this process.',
      registers: [registry],
    }),
    marketoCalls: new Counter({
      name: `${PREFIX}marketo_calls_total`,
      help: 'HTTP calls to Marketo, by API (identity, rest) and answer: ok, a Marketo error code (601, 606…), http-<status>, network or timeout.',
      labelNames: ['api', 'outcome'],
      registers: [registry],
    }),
    watchPool: (pool) => void pools.push(pool),
    watchFeed: (watched) => void (feed = watched),
  };
}
