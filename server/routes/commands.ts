import { Hono } from 'hono';
import type { Result } from '../../lib/domain/result.ts';
import { isCommandName, runCommand } from '../../lib/features/dispatch.ts';
import { COMMANDS } from '../../lib/features/registry.ts';
import type { AppContext } from '../app-context.ts';
import { EMAIL_TAKEN, isEmailTakenElsewhere, refuse } from '../http/answers.ts';
import { readJson } from '../http/read-json.ts';
import { noteCaller } from '../observability/request-log.ts';
import { commandServices } from '../services/command-services.ts';
import { orgStoreAccess, ReusedKey } from '../store/store-access.ts';

const IDEMPOTENCY_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST /api/commands/:name: the registry's command, with the bearer's member as caller. */
export function commandRoutes(ctx: AppContext) {
  return new Hono().post('/:name', async (c) => {
    const name = c.req.param('name');
    // Sign-in and sign-out belong to the trial org; here they are better-auth's.
    if (!isCommandName(name) || COMMANDS[name].trialOnly)
      return refuse(c, { code: 'unknown-command', message: `There is no command "${name.slice(0, 60)}".` });
    c.set('command', name);
    const writes = COMMANDS[name].writes;
    const key = c.req.header('idempotency-key');
    if (writes && !(key && IDEMPOTENCY_KEY.test(key))) {
      return refuse(c, {
        code: 'bad-input',
        message: 'A change needs an Idempotency-Key header (a UUID), so a retry is applied once.',
        field: 'Idempotency-Key',
      });
    }
    const input = await readJson(c);
    if (!input.ok) return refuse(c, input.problem);
    const caller = await ctx.callers(c.req.raw.headers);
    noteCaller(c, caller);
    if (caller && writes && key) {
      // A retry of a success is answered before anything slow (a Marketo call) runs again.
      const stored = await ctx.db
        .selectFrom('idempotency')
        .select(['command', 'response'])
        .where('org_id', '=', caller.orgId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (stored && stored.command === name) return answer(c, stored.response as Result<unknown>);
    }
    const access = orgStoreAccess(ctx.db, caller, writes && key ? { key, command: name } : undefined, ctx.snapshots);
    try {
      return answer(c, await runCommand(access, commandServices(ctx.services, caller?.orgId), name, input.value));
    } catch (error) {
      if (error instanceof ReusedKey)
        return refuse(c, {
          code: 'bad-input',
          message: 'This Idempotency-Key was used for another command: send a new one.',
          field: 'Idempotency-Key',
        });
      if (isEmailTakenElsewhere(error)) return refuse(c, EMAIL_TAKEN);
      throw error;
    }
  });
}

function answer(c: Parameters<typeof refuse>[0], result: Result<unknown>) {
  return result.ok ? c.json({ ok: true, value: result.value }, 200) : refuse(c, result.problem);
}
