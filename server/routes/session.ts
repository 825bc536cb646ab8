import { maySignIn } from '../../lib/features/session/rules.ts';
import { Hono } from 'hono';
import type * as v from 'valibot';
import { MAX_MEMBERSHIPS, type serverSession } from '../../lib/features/answers.ts';
import type { AppContext } from '../app-context.ts';
import { refuse } from '../http/answers.ts';
import { noteCaller } from '../observability/request-log.ts';
import { memberFrom } from '../store/rows.ts';

/** GET /api/session: who the bearer is, in which org, at which version, and the person's memberships (their orgs). */
export function sessionRoutes(ctx: AppContext) {
  return new Hono().get('/', async (c) => {
    const caller = await ctx.callers(c.req.raw.headers);
    noteCaller(c, caller);
    const row =
      caller &&
      (await ctx.db
        .selectFrom('members')
        .innerJoin('orgs', 'orgs.id', 'members.org_id')
        .selectAll('members')
        .select(['orgs.name as org_name', 'orgs.version'])
        .where('members.org_id', '=', caller.orgId)
        .where('members.id', '=', caller.memberId)
        .executeTakeFirst());
    if (!row) return refuse(c, { code: 'not-signed-in', message: 'Sign in first.' });
    const { org_name, version, ...member } = row;
    // The person's other memberships: the same email's member in each org (only names and roles; the switch is
    // a new session, POST /api/auth/switch-org).
    // A membership the company directory deactivated is not offered: no session may speak for it.
    const memberships = (
      await ctx.db
        .selectFrom('members')
        .innerJoin('orgs', 'orgs.id', 'members.org_id')
        .select(['orgs.id as orgId', 'orgs.name as orgName', 'members.role', 'members.status'])
        .where('members.email', '=', member.email)
        .orderBy('orgs.created_at')
        .orderBy('orgs.id')
        .limit(MAX_MEMBERSHIPS)
        .execute()
    )
      .filter(maySignIn)
      .map(({ orgId, orgName, role }) => ({ orgId, orgName, role }));
    const session: v.InferInput<typeof serverSession> = {
      member: memberFrom(member),
      orgId: caller.orgId,
      orgName: org_name,
      version,
      memberships,
    };
    return c.json(session);
  });
}
