import { parseServerUrl } from './server-url.ts';

// The owner's one-time link: read on the first run's form and the options
// page's own address only, so apart from the server address every page checks.

/**
 * The server and the one-time token of the owner's link the server prints on
 * first start (`${server}/claim#<token>`), or of the options page's
 * `#claim=<token>&server=<url>`. Undefined for anything else.
 */
export function parseClaimLink(raw: string): { serverUrl: string; token: string } | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (!url.pathname.replace(/\/+$/, '').endsWith('/claim')) return undefined;
  const token = url.hash.replace(/^#/, '');
  if (!/^[A-Za-z0-9_-]{8,512}$/.test(token)) return undefined;
  const server = parseServerUrl(`${url.origin}${url.pathname.replace(/\/+$/, '').slice(0, -'/claim'.length)}`);
  return server.ok ? { serverUrl: server.value, token } : undefined;
}

/** The options page's own hash: `#claim=<token>&server=<url>`. */
export function parseClaimHash(hash: string): { serverUrl: string; token: string } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('claim');
  const server = parseServerUrl(params.get('server') ?? '');
  if (!token || !/^[A-Za-z0-9_-]{8,512}$/.test(token) || !server.ok) return undefined;
  return { serverUrl: server.value, token };
}
