import { fail, ok, type Result } from './result.ts';

/**
 * Where an instance's APIs live. Marketo shows both base URLs under
 * Admin > Web Services (`https://{munchkin}.mktorest.com/rest` and `…/identity`);
 * the defaults are derived from the Munchkin ID, and overrides exist for
 * instances that show something else and for the local sandbox. Pure address
 * facts: the page asks for host permission from them inside the Connect click,
 * and the Marketo client (lib/marketo/urls.ts) calls them.
 */
export interface MarketoEndpoints {
  /** `…/rest`, without a trailing slash. */
  restBaseUrl: string;
  /** `…/identity`, without a trailing slash. */
  identityBaseUrl: string;
  /** The User Management API has no `/rest` prefix: the REST base minus `/rest`. */
  userManagementBaseUrl: string;
}

export interface EndpointSettings {
  munchkinId: string;
  restBaseUrl?: string | undefined;
  identityBaseUrl?: string | undefined;
}

// Same shape as munchkin.ts; case-insensitive here because hostnames are, and
// this layer only derives URLs from it.
const MUNCHKIN_ID = /^\d{3}-[A-Za-z]{3}-\d{3}$/;

// The hosts the manifest may ask permission for (optional_host_permissions in
// wxt.config.ts): Marketo's REST hosts and, over plain http too, loopback.
const MARKETO_HOST_SUFFIX = '.mktorest.com';
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost']);

export const isMunchkinId = (value: string): boolean => MUNCHKIN_ID.test(value);

/** True for a URL on 127.0.0.1 or localhost (the sandbox); false for anything else, malformed included. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

const badConfig = (message: string) => fail('bad-config', message);

function munchkinHost(munchkinId: string): Result<string> {
  const id = munchkinId.trim();
  if (!isMunchkinId(id)) {
    return badConfig(
      `"${id}" is not a Munchkin ID: it has the shape 123-ABC-456. Copy it from Marketo Admin > Munchkin.`,
    );
  }
  // Lower case: browsers compare hosts (and match patterns) in lower case.
  return ok(`${id.toLowerCase()}${MARKETO_HOST_SUFFIX}`);
}

export type BaseUrlKind = 'rest' | 'identity';
const LABEL: Record<BaseUrlKind, string> = { rest: 'REST URL', identity: 'Identity URL' };

/** The base URL Marketo serves an instance's `kind` API from, derived from its Munchkin ID. */
export function defaultBaseUrl(munchkinId: string, kind: BaseUrlKind): Result<string> {
  const host = munchkinHost(munchkinId);
  return host.ok ? ok(`https://${host.value}/${kind}`) : host;
}

/**
 * Checks an override and returns it without trailing slashes. Accepted: https
 * on a Marketo host or loopback, plain http on loopback only (the sandbox),
 * with a path ending in `/rest` or `/identity` as Admin > Web Services shows.
 */
export function checkBaseUrl(raw: string, kind: BaseUrlKind): Result<string> {
  const label = LABEL[kind];
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return badConfig(`The ${label} is not a web address. Copy it from Marketo Admin > Web Services.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return badConfig(
      `The ${label} must start with https:// (plain http:// is only for the local sandbox on 127.0.0.1).`,
    );
  }
  if (!loopback && !url.hostname.endsWith(MARKETO_HOST_SUFFIX)) {
    return badConfig(
      `The ${label} must be on ${MARKETO_HOST_SUFFIX.slice(1)}, as shown in Marketo Admin > Web Services.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    return badConfig(`The ${label} must be a plain address, without a user name, "?" or "#".`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith(`/${kind}`)) {
    return badConfig(`The ${label} must end with /${kind}, as shown in Marketo Admin > Web Services.`);
  }
  return ok(`${url.origin}${path}`);
}

/** Base URLs for a connection: overrides when given, else derived from the Munchkin ID. */
export function endpointsFor(settings: EndpointSettings): Result<MarketoEndpoints> {
  const base = (override: string | undefined, kind: BaseUrlKind) =>
    override ? checkBaseUrl(override, kind) : defaultBaseUrl(settings.munchkinId, kind);
  const rest = base(settings.restBaseUrl, 'rest');
  if (!rest.ok) return rest;
  const identity = base(settings.identityBaseUrl, 'identity');
  if (!identity.ok) return identity;
  return ok({
    restBaseUrl: rest.value,
    identityBaseUrl: identity.value,
    userManagementBaseUrl: rest.value.slice(0, -'/rest'.length),
  });
}

/**
 * The host-permission match patterns to request (permissions.request's
 * `origins`) before talking to these endpoints. Match patterns have no port,
 * so the sandbox on 127.0.0.1:4010 needs `http://127.0.0.1/*`.
 */
export function hostPermissionOrigins(endpoints: Pick<MarketoEndpoints, 'restBaseUrl' | 'identityBaseUrl'>): string[] {
  const patterns = [endpoints.restBaseUrl, endpoints.identityBaseUrl].map((base) => {
    const url = new URL(base);
    return `${url.protocol}//${url.hostname}/*`;
  });
  return [...new Set(patterns)];
}

/** The host a person recognises in a message: `123-abc-456.mktorest.com` or `127.0.0.1:4010`. */
export const hostOf = (url: string): string => new URL(url).host;

/** The host permissions an instance was given, less loopback (the sandbox never needs one). */
export const instanceOrigins = (endpoints: Pick<MarketoEndpoints, 'restBaseUrl' | 'identityBaseUrl'>): string[] =>
  hostPermissionOrigins(endpoints).filter((origin) => !isLoopbackUrl(origin.replace(/\*$/, '')));
