import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthEndpoint, sessionMiddleware } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { membershipsOf, ORG_HEADER } from './memberships.ts';

/**
 * POST /api/auth/switch-org (ORG_HEADER names the org): a person signed in
 * for one membership takes a session for another of their own, without
 * proving who they are again (the bearer did). The new session is bound to
 * that membership by the session hook (auth.ts) like any sign-in; the old
 * one ends (its streams with it), so a browser holds one session per
 * server. An org the person is no member of is refused and nothing changes.
 */
export const orgSwitch = (db: Kysely<Database>) =>
  ({
    id: 'marketo-access-org-switch',
    endpoints: {
      switchOrg: createAuthEndpoint('/switch-org', { method: 'POST', use: [sessionMiddleware] }, async (ctx) => {
        const { session, user } = ctx.context.session;
        const wanted = ctx.headers?.get(ORG_HEADER);
        const memberships = await membershipsOf(db, user.id);
        if (!wanted || !memberships.some((m) => m.orgId === wanted))
          throw new APIError('FORBIDDEN', {
            code: 'NOT_A_MEMBER',
            message: 'You are not a member of that org on this team server.',
          });
        const next = await ctx.context.internalAdapter.createSession(user.id);
        await ctx.context.internalAdapter.deleteSession(session.token);
        await setSessionCookie(ctx, { session: next, user });
        return ctx.json({ orgId: wanted });
      }),
    },
  }) satisfies BetterAuthPlugin;
