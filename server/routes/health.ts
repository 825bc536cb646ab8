import { Hono } from 'hono';
import { sql } from 'kysely';
import * as v from 'valibot';
import type { AppContext } from '../app-context.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { isDatabaseDown } from '../http/answers.ts';

const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1)!;

const NOT_READY = ['shutting-down', 'database-unreachable', 'migrations-pending'] as const;
type NotReady = (typeof NOT_READY)[number];

/** What the probes answer (the OpenAPI document describes them from these). */
export const PROBE_OK = v.object({ ok: v.literal(true) });
export const PROBE_NOT_READY = v.object({
  ok: v.literal(false),
  error: v.object({ code: v.picklist(NOT_READY), message: v.string() }),
});
const probeOk: v.InferInput<typeof PROBE_OK> = { ok: true };

const MESSAGES: Record<NotReady, string> = {
  'shutting-down': 'This server process is shutting down: send requests to another one.',
  'database-unreachable': 'The team server cannot reach its database.',
  'migrations-pending': `The database schema is not at the latest migration (${LATEST_MIGRATION}) yet.`,
};

/** Why this process should not get traffic now, or undefined when it should. */
async function notReady(ctx: AppContext): Promise<NotReady | undefined> {
  if (ctx.lifecycle.draining) return 'shutting-down';
  try {
    const applied = await sql<{
      name: string;
    }>`select name from kysely_migration where name = ${LATEST_MIGRATION}`.execute(ctx.db);
    return applied.rows.length === 1 ? undefined : 'migrations-pending';
  } catch (error) {
    // No migration table at all: an empty database nobody migrated.
    if ((error as { code?: string }).code === '42P01') return 'migrations-pending';
    if (isDatabaseDown(error)) return 'database-unreachable';
    throw error;
  }
}

/**
 * Probes for orchestrators and load balancers. `/livez`: the process runs
 * (restart it when this fails). `/readyz`: send it traffic (the database
 * answers, the schema is at the latest migration, and it is not shutting
 * down); 503 with the reason otherwise. `/healthz` is the older name of
 * `/readyz`.
 */
export function healthRoutes(ctx: AppContext) {
  const ready = new Hono().get('/', async (c) => {
    const reason = await notReady(ctx);
    if (!reason) return c.json(probeOk);
    const answer: v.InferInput<typeof PROBE_NOT_READY> = {
      ok: false,
      error: { code: reason, message: MESSAGES[reason] },
    };
    return c.json(answer, 503);
  });
  return new Hono()
    .get('/livez', (c) => c.json(probeOk))
    .route('/readyz', ready)
    .route('/healthz', ready);
}
