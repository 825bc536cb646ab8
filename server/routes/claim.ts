import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../app-context.ts';
import { claimOrg } from '../claim/owner-claim.ts';
import { refuse } from '../http/answers.ts';
import { readJson } from '../http/read-json.ts';
import { noteCaller } from '../observability/request-log.ts';

const claimInput = v.strictObject({
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  orgName: v.pipe(v.string(), v.maxLength(200)),
  name: v.pipe(v.string(), v.maxLength(200)),
  email: v.pipe(v.string(), v.maxLength(300)),
});

/** POST /api/claim: the first admin, from the link the server printed on its first start. */
export function claimRoutes(ctx: AppContext) {
  return new Hono().post('/', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return refuse(c, body.problem);
    const input = v.safeParse(claimInput, body.value);
    if (!input.success)
      return refuse(c, { code: 'bad-input', message: 'A claim needs token, orgName, name and email.' });
    const claimed = await claimOrg(ctx.db, input.output, ctx.services.now());
    if (!claimed.ok) {
      // A bad token is a refusal of who is asking, not of the data.
      return refuse(
        c,
        claimed.problem.code === 'not-invited'
          ? { code: 'not-invited', message: claimed.problem.message }
          : claimed.problem,
      );
    }
    noteCaller(c, claimed.value);
    return c.json({ ok: true, value: claimed.value });
  });
}
