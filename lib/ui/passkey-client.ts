import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { createPasskeys } from '../backend/remote/passkey.ts';
import { globalFetch } from '../marketo/http.ts';

/** Passkeys with the browser's WebAuthn; imported by the passkey tab only, so other pages do not carry it. */
export const serverPasskeys = (serverUrl: string) =>
  createPasskeys({ serverUrl, fetch: globalFetch, startRegistration, startAuthentication });
