import type { Kysely } from 'kysely';
import type { Auth } from './auth/auth.ts';
import type { Callers } from './auth/caller.ts';
import type { CodeRequestLimit } from './auth/code-requests.ts';
import type { ChangeFeed } from './changes/change-feed.ts';
import type { Database } from './db/schema.ts';
import type { Lifecycle } from './http/lifecycle.ts';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { ServiceDeps } from './services/command-services.ts';
import type { KeptReads } from './store/store-access.ts';

/** What the routes share: one database, one auth, one change feed, the command services' parts. */
export interface AppContext {
  db: Kysely<Database>;
  auth: Auth;
  /** Who a request's bearer is (cached per process, dropped by the change feed's notices). */
  callers: Callers;
  feed: ChangeFeed;
  /** What reads answered at each org's current version, kept by this process, and the query that checks the version. */
  keptReads: KeptReads;
  services: ServiceDeps;
  /** Where people reach this server (the claim link, passkeys' origin checks). */
  publicUrl: string;
  /** Take the client's address from the proxy's X-Forwarded-For (rate limits), not the socket. */
  trustProxy: boolean;
  /** The process's logger (a request's own is `c.get('log')`, which carries its id). */
  logger: Logger;
  metrics: Metrics;
  /** Draining on SIGTERM: no new requests, change streams told to reconnect elsewhere. */
  lifecycle: Lifecycle;
  /** Sign-in code requests per email and window (tests sign the same people in many times). */
  codeRequestsPerEmail?: CodeRequestLimit;
  /** Seconds between SSE heartbeats (tests shorten it). */
  heartbeatSeconds?: number;
}
