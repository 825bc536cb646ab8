import * as v from 'valibot';
import { parseEmail } from '../../../domain/email.ts';
import { parseOrgName } from '../../../domain/org-name.ts';
import { fail, ok, type Result } from '../../../domain/result.ts';
import { serverSession } from '../../../features/answers.ts';
import { claimOrg } from '../../../features/org/commands.ts';
import { importOrg } from '../../../features/org-file/commands.ts';
import type { Member } from '../../../domain/member.ts';
import { firstAdmin } from '../../../features/session/rules.ts';
import { unreachable } from '../shared/answer.ts';
import { postCommand } from '../shared/command.ts';
import { headers, send, type FetchLike, type Sent } from '../shared/request.ts';

export interface AuthDeps {
  serverUrl: string;
  fetch: FetchLike;
  timeoutMs?: number;
  /** A write's idempotency key; a fresh UUID by default. */
  newKey?: () => string;
}

/** The server's answer to GET /api/session (its schema is shared with the server's route). */
export type ServerSession = v.InferOutput<typeof serverSession>;

/** The bearer plugin hands the session token back in this header (the server must expose it to CORS). */
const TOKEN_HEADER = 'set-auth-token';
/** The org a sign-in or a switch is for, when the person is in several (the server's auth/memberships.ts). */
export const ORG_HEADER = 'X-Marketo-Access-Org';
/** A header naming the chosen org, or none. */
export const orgHeader = (orgId: string | undefined): Record<string, string> =>
  orgId === undefined ? {} : { [ORG_HEADER]: orgId };

/** A code as people type it: spaces and dashes dropped, digits only. */
export const normaliseCode = (raw: string): string => raw.replace(/[\s-]/g, '');

/** A server failure that is not about what was typed. */
export function serverTrouble<T>(sent: Exclude<Sent, 'network'>): Result<T> {
  if (sent.status === 429) return fail('http-429', 'Too many tries in a short time: wait a minute, then try again.');
  if (sent.status === 503)
    return fail('server-unavailable', 'The team server cannot work right now: try again in a minute.');
  return fail(
    'server-error',
    `The team server failed (HTTP ${sent.status}): try again; if this goes on, ask your IT admin.`,
  );
}

/** The session token a sign-in answered with, or the refusal that says what went wrong. */
export function tokenOf(sent: Exclude<Sent, 'network'>): Result<string> {
  const token = sent.headers.get(TOKEN_HEADER);
  if (token && /^[\x21-\x7e]{1,4096}$/.test(token)) return ok(token);
  return fail(
    'bad-response',
    'The team server signed you in but sent no session this browser can read: ask your IT admin to expose the set-auth-token header to the extension.',
  );
}

/**
 * Signing in to a team server with better-auth: an emailed one-time code,
 * exchanged for a bearer session token; the owner's one-time claim link; and
 * sign-out. Pages call these inside the person's actions; the token is kept
 * by the caller (lib/backend/settings.ts), never logged or put in a URL.
 */
export function createServerAuth(deps: AuthDeps) {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const post = (path: string, body: unknown, token?: string, orgId?: string) =>
    send(
      deps.fetch,
      `${deps.serverUrl}${path}`,
      { method: 'POST', headers: headers(token, orgHeader(orgId)), body: JSON.stringify(body), credentials: 'omit' },
      timeoutMs,
    );

  return {
    /** Asks the server to email a sign-in code. The server does not say whether the email is a member's. */
    async requestCode(rawEmail: string): Promise<Result<string>> {
      const email = parseEmail(rawEmail);
      if (!email.ok) return email;
      const sent = await post('/api/auth/email-otp/send-verification-otp', { email: email.value, type: 'sign-in' });
      if (sent === 'network') return unreachable();
      if (sent.status >= 200 && sent.status < 300) return ok(email.value);
      if (sent.status === 400)
        return fail('email-shape', 'The team server did not accept this email address: check it.', 'email');
      if (sent.status === 403)
        return fail(
          'not-invited',
          'This email is not a member of the org: ask an admin of your team to invite you.',
          'email',
        );
      return serverTrouble(sent);
    },

    /** Exchanges the emailed code for a session token, for the membership in `orgId` when the person chose one. */
    async verifyCode(email: string, rawCode: string, orgId?: string): Promise<Result<string>> {
      const code = normaliseCode(rawCode);
      if (!/^[0-9A-Za-z]{4,12}$/.test(code))
        return fail('code-invalid', 'Type the code from the email: it is a few digits.', 'code');
      const sent = await post('/api/auth/sign-in/email-otp', { email, otp: code }, undefined, orgId);
      if (sent === 'network') return unreachable();
      if (sent.status >= 200 && sent.status < 300) return tokenOf(sent);
      if (sent.status === 400 || sent.status === 401 || sent.status === 403) {
        return fail(
          'code-invalid',
          'That code is not right, or it has expired: check it, or ask for a new code.',
          'code',
        );
      }
      return serverTrouble(sent);
    },

    /**
     * Trades the session for one of the same person's membership in another
     * org (the server ends the old one): answers the new token.
     */
    async switchOrg(token: string, orgId: string): Promise<Result<string>> {
      const sent = await post('/api/auth/switch-org', {}, token, orgId);
      if (sent === 'network') return unreachable();
      if (sent.status >= 200 && sent.status < 300) return tokenOf(sent);
      if (sent.status === 401)
        return fail('not-signed-in', 'Your session on the team server has ended: sign in again.');
      if (sent.status === 403)
        return fail(
          'not-invited',
          'You are no longer a member of that org: ask one of its admins to invite you again.',
        );
      return serverTrouble(sent);
    },

    /** Ends the session on the server; the caller forgets the token whatever the answer. */
    async signOut(token: string): Promise<void> {
      await post('/api/auth/sign-out', {}, token);
    },

    /** Who the token signs in, on which org, at which version. */
    async session(token: string): Promise<Result<ServerSession>> {
      const sent = await send(
        deps.fetch,
        `${deps.serverUrl}/api/session`,
        { method: 'GET', headers: headers(token), credentials: 'omit' },
        timeoutMs,
      );
      if (sent === 'network') return unreachable();
      if (sent.status === 401)
        return fail('not-signed-in', 'Your session on the team server has ended: sign in again.');
      if (sent.status !== 200) return serverTrouble(sent);
      const parsed = v.safeParse(serverSession, sent.body);
      return parsed.success
        ? ok(parsed.output)
        : fail(
            'bad-response',
            'The team server’s answer was not understood: update the extension, or ask your IT admin to check the server.',
          );
    },

    /**
     * The first admin's one-time link (the owner link): the claimOrg command,
     * which creates the org and its first admin, who then signs in with a code.
     */
    async claim(input: { token: string; orgName: string; name: string; email: string }): Promise<Result<null>> {
      const orgName = parseOrgName(input.orgName);
      if (!orgName.ok) return orgName;
      // The rule the server runs for the first admin: a bad name or email is said before any request.
      const admin = firstAdmin(input, 'not-sent', 0);
      if (!admin.ok) return admin;
      const { name, email } = admin.value;
      const { result } = await postCommand(
        'claimOrg',
        { token: input.token, orgName: orgName.value, name, email },
        {
          serverUrl: deps.serverUrl,
          fetch: deps.fetch,
          timeoutMs,
          token: undefined,
          key: (deps.newKey ?? (() => crypto.randomUUID()))(),
          answer: claimOrg.answer,
        },
      );
      if (result.ok) return ok(null);
      // An unknown or used link, or a server without claims.
      if (result.problem.code === 'not-invited' || result.problem.code === 'unknown-command') {
        return fail(
          'claim-invalid',
          'This link was already used or is not this server’s: ask whoever started the server for a new one.',
        );
      }
      return result;
    },

    /**
     * Moves an org here: its export file becomes a new org with the owner link
     * (the importOrg command); answers who signs in first, with a code.
     */
    async importOrg(input: { token: string; orgName: string; file: unknown }): Promise<Result<Member>> {
      const orgName = parseOrgName(input.orgName);
      if (!orgName.ok) return orgName;
      const { result } = await postCommand(
        'importOrg',
        { token: input.token, orgName: orgName.value, file: input.file },
        {
          serverUrl: deps.serverUrl,
          fetch: deps.fetch,
          // A whole org's file: more time than a form's command.
          timeoutMs: timeoutMs * 4,
          token: undefined,
          key: (deps.newKey ?? (() => crypto.randomUUID()))(),
          answer: importOrg.answer,
        },
      );
      if (result.ok) return ok(result.value.signInAs);
      if (result.problem.code === 'not-invited' || result.problem.code === 'unknown-command') {
        return fail(
          'claim-invalid',
          'This link was already used or is not this server’s: ask whoever started the server for a new one.',
        );
      }
      return result;
    },
  };
}

export type ServerAuth = ReturnType<typeof createServerAuth>;
