/**
 * Better-auth's passkey plugin keeps the WebAuthn challenge in a signed
 * cookie between "options" and "verify". The extension holds no cookies for
 * the server (bearer only), so the server hands that cookie over as a header
 * instead: `X-Passkey-Challenge` on the options answer, sent back on verify.
 * The value is signed by the server and names a one-use challenge; it is no
 * session.
 */
export const CHALLENGE_HEADER = 'x-passkey-challenge';
const COOKIE_SUFFIX = 'better-auth-passkey';

/** The challenge cookie the answer sets, as `name=value`, moved to a header. */
export function challengeToHeader(response: Response): Response {
  const cookie = response.headers.getSetCookie().find((c) => c.split('=')[0]!.endsWith(COOKIE_SUFFIX));
  if (!cookie) return response;
  const headers = new Headers(response.headers);
  headers.set(CHALLENGE_HEADER, cookie.split(';')[0]!);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A verify request's header turned back into the cookie better-auth reads (only that cookie). */
export function challengeFromHeader(headers: Headers): void {
  const value = headers.get(CHALLENGE_HEADER);
  headers.delete(CHALLENGE_HEADER);
  if (value && value.split('=')[0]!.endsWith(COOKIE_SUFFIX) && !/[;\r\n]/.test(value)) headers.set('cookie', value);
}
