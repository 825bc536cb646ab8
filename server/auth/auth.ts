import { kyselyAdapter } from '@better-auth/kysely-adapter';
import { passkey } from '@better-auth/passkey';
// The narrow entries: `better-auth` and `better-auth/plugins` load every plugin and the migrator (about 17 MB of
// a process's memory); the adapter is named instead of found from the Kysely instance.
import { betterAuth } from 'better-auth/minimal';
import { bearer } from 'better-auth/plugins/bearer';
import { emailOTP } from 'better-auth/plugins/email-otp';
import type { Kysely } from 'kysely';
import { hkdfSync } from 'node:crypto';
import type { Database } from '../db/schema.ts';
import type { Mailer } from './mailer.ts';
import { ORG_HEADER } from './memberships.ts';
import { orgSwitch } from './org-switch.ts';
import { bindSession, mayReceiveCode, signInMethodOf, type Membership } from './session-binding.ts';
import { ssoSessionPlugin } from './sso-session.ts';
import type { SignInMethod } from '../../lib/domain/identity-provider.ts';

export const AUTH_BASE_PATH = '/api/auth';
/** Set by the app from the socket's address, replacing whatever a client sent under this name. */
export const CLIENT_IP_HEADER = 'x-marketo-access-client-ip';
export const CODE_LIFETIME_SECONDS = 5 * 60;

/** Better-auth's secret, derived from the vault key so that one key (SECRET_KEY) serves both. */
export const authSecretFrom = (vaultKey: Buffer): string =>
  Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), 'marketo-access better-auth', 32)).toString('base64');

export interface AuthOptions {
  db: Kysely<Database>;
  publicUrl: string;
  /** 32+ bytes; derived from the vault key so the server needs one secret. */
  secret: string;
  mailer: Mailer;
  passkeyRpId: string;
  /** Code sends per IP per minute (better-auth's email OTP limit). */
  codeSendsPerMinute?: number;
  onError?: (error: unknown) => void;
  /** After a session is made (a code, a passkey or an SSO sign-in verified), for the membership it is bound to. */
  onSignedIn?: (membership: Membership, method: SignInMethod | undefined) => Promise<void>;
  /** The server's clock (SSO results expire by it). */
  now?: () => number;
  /** After better-auth ended a session (sign-out, expiry): every process closes its open streams. */
  onSessionEnded?: (sessionId: string) => Promise<void>;
  /** Runs work the answer must not wait for (a code's delivery); tests pass one that they can await. */
  background?: (task: Promise<unknown>) => void;
}

export type { Membership } from './session-binding.ts';

/**
 * Better-auth: one-time codes by email (5 minutes, rate-limited, three tries),
 * bearer sessions (the extension keeps the `set-auth-token` header; no
 * cookies are relied on; only its signed form works), each bound to one
 * membership (a person in several orgs chooses; switching org is a new
 * session, auth/org-switch.ts), and passkeys. A code request is answered alike for everyone;
 * the code is mailed only to an invited email, out of band.
 */
export function createAuth({
  db,
  publicUrl,
  secret,
  mailer,
  passkeyRpId,
  codeSendsPerMinute = 3,
  onError,
  onSignedIn,
  onSessionEnded,
  background = (task) => void task,
  now = Date.now,
}: AuthOptions) {
  // Stryker disable all: better-auth's settings run once at start-up, so every test would run for each of their
  // mutants; the sign-in, no-probing and session tests check them as a whole. The caller checks below are mutated.
  return betterAuth({
    // better-auth's own tables are not in our Database type; it types its adapter loosely.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
    database: kyselyAdapter(db as Kysely<any>, { type: 'postgres' }),
    baseURL: publicUrl,
    basePath: AUTH_BASE_PATH,
    secret,
    trustedOrigins: ['chrome-extension://*', 'moz-extension://*'],
    telemetry: { enabled: false },
    session: {
      // Written by the hook below when the session is made; never from a request.
      additionalFields: {
        orgId: { type: 'string', required: false, input: false },
        memberId: { type: 'string', required: false, input: false },
      },
    },
    // Stryker restore all
    databaseHooks: {
      session: {
        create: {
          // Every sign-in goes through here: the session's membership (the org the request chose, or the one an SSO
          // sign-in names), and that org's login policy for the route used.
          before: async (session, context) => ({
            data: {
              ...session,
              ...(await bindSession(
                db,
                session,
                signInMethodOf(context?.path),
                (context?.headers ?? context?.request?.headers)?.get(ORG_HEADER),
              )),
            },
          }),
          after: async (session, context) => {
            const { orgId, memberId } = session as typeof session & Partial<Membership>;
            if (orgId && memberId) await onSignedIn?.({ orgId, memberId }, signInMethodOf(context?.path));
          },
        },
        delete: { after: async (session) => onSessionEnded?.(session.id) },
      },
    },
    // Stryker disable all: settings, as above.
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
    },
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] }, backgroundTasks: { handler: background } },
    logger: { disabled: false, level: 'error', log: (_level, message) => onError?.(message) },
    plugins: [
      emailOTP({
        expiresIn: CODE_LIFETIME_SECONDS,
        otpLength: 6,
        allowedAttempts: 3,
        storeOTP: 'hashed',
        rateLimit: { window: 60, max: codeSendsPerMinute },
        // Stryker restore all
        // In the background (the answer is sent first, the same for everyone): only sign-in codes, and only to an
        // email some org has invited. A removed member's password-reset or email-change code goes nowhere.
        sendVerificationOTP: async ({ email, otp, type }) => {
          if (type !== 'sign-in') return;
          // Only to a person one of whose memberships may sign in, and whose org lets them in with a code.
          if (await mayReceiveCode(db, email)) await mailer.sendCode(email, otp);
        },
      }),
      // Only the signed form the server handed out: a token read from the session table (a backup, a database
      // reader) is no bearer.
      bearer({ requireSignature: true }),
      passkey({ rpID: passkeyRpId, rpName: 'Marketo Access' }),
      orgSwitch(db),
      ssoSessionPlugin(db, now),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
