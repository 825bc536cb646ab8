import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { createPasskeys } from '../backend/team-server/page/passkey.ts';
import { globalFetch } from '../backend/team-server/shared/request.ts';

/** Passkeys with the browser's WebAuthn; imported by the passkey tab only, so other pages do not carry it. */
export const serverPasskeys = (serverUrl: string) =>
  createPasskeys({ serverUrl, fetch: globalFetch, startRegistration, startAuthentication });
