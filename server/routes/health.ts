import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppContext } from '../app-context.ts';

/** GET /healthz: 200 while the database answers, 503 otherwise (for load balancers). */
export function healthRoutes(ctx: AppContext) {
  return new Hono().get('/', async (c) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false }, 503);
    }
  });
}
