/**
 * Better-auth's routes this product uses (method and path under /api/auth).
 * Every other route better-auth or its plugins bring (password reset, email
 * change, account linking, session listing…) answers 404: a route nobody
 * uses is a door nobody watches.
 */
export const AUTH_ROUTES: readonly string[] = [
  'POST /email-otp/send-verification-otp',
  'POST /sign-in/email-otp',
  'POST /sign-out',
  // A person in several orgs takes a session for another of their memberships (auth/org-switch.ts).
  'POST /switch-org',
  'GET /passkey/generate-register-options',
  'POST /passkey/verify-registration',
  'GET /passkey/generate-authenticate-options',
  'POST /passkey/verify-authentication',
  // The one-time result of a checked SSO sign-in, exchanged for a session (server/auth/sso-session.ts).
  'POST /sso/session',
];

export const isUsedAuthRoute = (method: string, path: string): boolean => AUTH_ROUTES.includes(`${method} ${path}`);
