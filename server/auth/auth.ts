import { passkey } from '@better-auth/passkey';
import { betterAuth } from 'better-auth';
import { bearer, emailOTP } from 'better-auth/plugins';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Mailer } from './mailer.ts';

export const AUTH_BASE_PATH = '/api/auth';
/** Set by the app from the socket's address, replacing whatever a client sent under this name. */
export const CLIENT_IP_HEADER = 'x-marketo-access-client-ip';
export const CODE_LIFETIME_SECONDS = 5 * 60;

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
  /** After a session is made (a code or a passkey verified). */
  onSignedIn?: (userId: string) => Promise<void>;
}

/**
 * Better-auth: one-time codes by email (5 minutes, rate-limited, three tries),
 * bearer sessions (the extension keeps the `set-auth-token` header; no
 * cookies are relied on), and passkeys. Who may ask for a code is checked
 * before this handler (routes/auth.ts): only members of some org.
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
}: AuthOptions) {
  return betterAuth({
    // better-auth's own tables are not in our Database type; it types its adapter loosely.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
    database: { db: db as Kysely<any>, type: 'postgres' },
    baseURL: publicUrl,
    basePath: AUTH_BASE_PATH,
    secret,
    trustedOrigins: ['chrome-extension://*', 'moz-extension://*'],
    telemetry: { enabled: false },
    databaseHooks: { session: { create: { after: async (session) => onSignedIn?.(session.userId) } } },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
    },
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    logger: { disabled: false, level: 'error', log: (_level, message) => onError?.(message) },
    plugins: [
      emailOTP({
        expiresIn: CODE_LIFETIME_SECONDS,
        otpLength: 6,
        allowedAttempts: 3,
        storeOTP: 'hashed',
        rateLimit: { window: 60, max: codeSendsPerMinute },
        sendVerificationOTP: async ({ email, otp }) => mailer.sendCode(email, otp),
      }),
      // Only the signed form the server handed out: a token read from the session table (a backup, a database
      // reader) is no bearer.
      bearer({ requireSignature: true }),
      passkey({ rpID: passkeyRpId, rpName: 'Marketo Access' }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
