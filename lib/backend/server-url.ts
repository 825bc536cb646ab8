import { fail, ok, type Result } from '../domain/result.ts';

// Plain http is accepted only where nothing crosses a network: a server
// started on this machine for development.
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A team server's address as typed, pasted or set by policy: https, or http on
 * loopback. Answers it without query, fragment or trailing slash, so
 * `${server}/api/…` is always well formed. A path prefix is kept (a server
 * behind a reverse proxy at https://corp.example/marketo-access).
 */
export function parseServerUrl(raw: string): Result<string> {
  const text = raw.trim();
  if (text === '')
    return fail(
      'server-url-invalid',
      'Enter the team server’s address, such as https://access.example.com.',
      'serverUrl',
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(
      'server-url-invalid',
      'That is not a web address: it starts with https://, such as https://access.example.com.',
      'serverUrl',
    );
  }
  if (url.username !== '' || url.password !== '') {
    // A password in the address would be kept in storage and shown on screen.
    return fail('server-url-invalid', 'Enter the address without a user name or password in it.', 'serverUrl');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return fail(
      'server-url-insecure',
      'The team server’s address must start with https:// (plain http only for a server on this computer).',
      'serverUrl',
    );
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/**
 * The match pattern for the server's host permission, asked for inside the user's click: its scheme and host, no
 * port (a pattern without one matches every port). Chromium lets an extension page use a passkey relying party id
 * (the server's PASSKEY_RP_ID, e.g. "localhost") only with a permission for that host itself: one for
 * http://localhost:8787 alone is not enough, and WebAuthn then refuses with a SecurityError.
 */
export const serverOriginPattern = (serverUrl: string): string => {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
};
