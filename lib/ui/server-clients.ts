import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { createServerAuth } from '../backend/remote/auth.ts';
import { createPasskeys, type Ceremonies } from '../backend/remote/passkey.ts';
import { globalFetch } from '../marketo/http.ts';

/** The pages' sign-in client for a team server (the browser's own fetch). */
export const serverAuth = (serverUrl: string) => createServerAuth({ serverUrl, fetch: globalFetch });

/** Passkeys with the browser's WebAuthn, for the passkey tab only. */
export const serverPasskeys = (serverUrl: string) =>
  createPasskeys({ serverUrl, fetch: globalFetch, startRegistration, startAuthentication } as unknown as Parameters<typeof createPasskeys>[0] & Ceremonies);
