import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthEndpoint } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { Database } from '../db/schema.ts';
import { ssoLogins } from '../sso/logins.ts';

const body = v.strictObject({
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  verifier: v.pipe(v.string(), v.minLength(43), v.maxLength(128), v.regex(/^[A-Za-z0-9_~.-]+$/)),
});

/**
 * `POST /api/auth/sso/session` `{ code, verifier }`: the one-time result of
 * a checked SSO sign-in (server/routes/sso.ts) becomes a session, the way
 * better-auth's own sign-ins make one (so the bearer comes back in
 * `set-auth-token`, and the session hooks bind it to its membership and
 * check the login policy). Only the extension that started the attempt holds
 * the verifier. The person (better-auth's user) is created here at the
 * earliest, for an invited member: a refused sign-in never gets this far.
 */
export function ssoSessionPlugin(db: Kysely<Database>, now: () => number) {
  const logins = ssoLogins(db);
  return {
    id: 'marketo-access-sso-session',
    endpoints: {
      ssoSession: createAuthEndpoint('/sso/session', { method: 'POST' }, async (ctx) => {
        const parsed = v.safeParse(body, ctx.body);
        if (!parsed.success)
          throw new APIError('BAD_REQUEST', { code: 'BAD_INPUT', message: 'Send { code, verifier }.' });
        const result = await logins.takeResult(parsed.output.code, parsed.output.verifier, now());
        if (!result)
          throw new APIError('FORBIDDEN', {
            code: 'SSO_EXPIRED',
            message: 'This sign-in was used, is unknown or took too long: sign in again.',
          });
        const member = await db
          .selectFrom('members')
          .select(['email', 'name'])
          .where('org_id', '=', result.orgId)
          .where('id', '=', result.memberId)
          .executeTakeFirst();
        if (!member)
          throw new APIError('FORBIDDEN', {
            code: 'SSO_NOT_MEMBER',
            message: 'You are no longer a member of this org.',
          });
        const found = await ctx.context.internalAdapter.findUserByEmail(member.email, { includeAccounts: false });
        const user =
          found?.user ??
          (await ctx.context.internalAdapter.createUser(
            { email: member.email, name: member.name, emailVerified: true },
            { method: 'sso-oidc', sso: { providerId: result.providerId } },
          ));
        // The membership is named: the session hook checks it is this person's and that the policy allows SSO.
        const session = await ctx.context.internalAdapter.createSession(user.id, false, {
          orgId: result.orgId,
          memberId: result.memberId,
        });
        await setSessionCookie(ctx, { session, user });
        return ctx.json({ ok: true });
      }),
    },
  } satisfies BetterAuthPlugin;
}
