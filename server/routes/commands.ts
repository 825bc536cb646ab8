import { Hono } from 'hono';
import type * as v from 'valibot';
import { isCommandName, runCommand, runsIn } from '../../lib/features/dispatch.ts';
import { COMMANDS } from '../../lib/features/registry.ts';
import type { AppContext } from '../app-context.ts';
import { commandSuccess, jsonAnswer, refuse } from '../http/answers.ts';
import { readJson } from '../http/read-json.ts';
import { noteCaller } from '../observability/request-log.ts';
import { commandServices } from '../services/command-services.ts';
import { storedAnswer, type Answered } from '../store/idempotency.ts';
import { newOrgAccess, orgStoreAccess, ReusedKey } from '../store/store-access.ts';

/** A UUID, either case (no flag, so the OpenAPI document can say it as a pattern). */
export const IDEMPOTENCY_KEY = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * POST /api/commands/:name: the registry's command, with the bearer's member
 * as caller. A success answers its value with the org's version, and after a
 * write the caller's own view: what their browser needs, in one request.
 */
export function commandRoutes(ctx: AppContext) {
  return new Hono().post('/:name', async (c) => {
    const name = c.req.param('name');
    // Trial-only commands (sign-in and sign-out) are better-auth's here.
    if (!isCommandName(name) || !runsIn(name, 'team-server'))
      return refuse(c, { code: 'unknown-command', message: `There is no command "${name.slice(0, 60)}".` });
    c.set('command', name);
    const { writes, createsOrg } = COMMANDS[name];
    // Read before any refusal: a body left unread (an org's file can be megabytes) makes Node close the
    // connection after the answer, and a client reusing it meets a reset on its next request.
    const input = await readJson(c);
    const key = c.req.header('idempotency-key');
    if (writes && !(key && IDEMPOTENCY_KEY.test(key))) {
      return refuse(c, {
        code: 'bad-input',
        message: 'A change needs an Idempotency-Key header (a UUID), so a retry is applied once.',
        field: 'Idempotency-Key',
      });
    }
    if (!input.ok) return refuse(c, input.problem);
    // A command that creates its org (the claim link) runs for nobody's org, whoever sends it.
    const caller = createsOrg ? undefined : await ctx.callers(c.req.raw.headers);
    noteCaller(c, caller);
    if (caller && writes && key) {
      // A retry of a success is answered before anything slow (a Marketo call) runs again.
      const stored = await storedAnswer(ctx.db, caller.orgId, key);
      if (stored?.command === name) return answer(c, stored.answered);
    }
    const access = createsOrg
      ? newOrgAccess(ctx.db, ctx.services.now)
      : orgStoreAccess(ctx.db, caller, writes && key ? { key, command: name } : undefined, ctx.keptReads);
    try {
      const result = await runCommand(access, commandServices(ctx.services, caller?.orgId), name, input.value);
      return answer(c, { result, ...access.answered() });
    } catch (error) {
      if (error instanceof ReusedKey)
        return refuse(c, {
          code: 'bad-input',
          message: 'This Idempotency-Key was used for another command: send a new one.',
          field: 'Idempotency-Key',
        });
      throw error;
    }
  });
}

function answer(c: Parameters<typeof refuse>[0], { result, version, view }: Answered) {
  if (!result.ok) return refuse(c, result.problem);
  const success: v.InferInput<ReturnType<typeof commandSuccess>> = {
    ok: true,
    value: result.value,
    ...(version !== undefined && { version }),
    ...(view && { view }),
  };
  return jsonAnswer(c, success);
}
