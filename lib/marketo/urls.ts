import { badConfigError } from './errors.ts';

/**
 * Where an instance's APIs live. Marketo shows both base URLs under
 * Admin > Web Services (`https://{munchkin}.mktorest.com/rest` and `…/identity`);
 * the defaults are derived from the Munchkin ID, and overrides exist for
 * instances that show something else and for the local sandbox.
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

// Same shape as lib/domain/munchkin.ts; case-insensitive here because
// hostnames are, and this layer only derives URLs from it.
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

function munchkinHost(munchkinId: string): string {
  const id = munchkinId.trim();
  if (!isMunchkinId(id)) {
    throw badConfigError(
      `"${id}" is not a Munchkin ID: it has the shape 123-ABC-456. Copy it from Marketo Admin > Munchkin.`,
    );
  }
  // Lower case: browsers compare hosts (and match patterns) in lower case.
  return `${id.toLowerCase()}${MARKETO_HOST_SUFFIX}`;
}

export const defaultRestBaseUrl = (munchkinId: string): string => `https://${munchkinHost(munchkinId)}/rest`;
export const defaultIdentityBaseUrl = (munchkinId: string): string => `https://${munchkinHost(munchkinId)}/identity`;

export type BaseUrlKind = 'rest' | 'identity';
const LABEL: Record<BaseUrlKind, string> = { rest: 'REST URL', identity: 'Identity URL' };

/**
 * Checks an override and returns it without trailing slashes. Accepted: https
 * on a Marketo host or loopback, plain http on loopback only (the sandbox),
 * with a path ending in `/rest` or `/identity` as Admin > Web Services shows.
 * Throws a `bad-config` MarketoError otherwise.
 */
export function normalizeBaseUrl(raw: string, kind: BaseUrlKind): string {
  const label = LABEL[kind];
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badConfigError(`The ${label} is not a web address. Copy it from Marketo Admin > Web Services.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw badConfigError(
      `The ${label} must start with https:// (plain http:// is only for the local sandbox on 127.0.0.1).`,
    );
  }
  if (!loopback && !url.hostname.endsWith(MARKETO_HOST_SUFFIX)) {
    throw badConfigError(
      `The ${label} must be on ${MARKETO_HOST_SUFFIX.slice(1)}, as shown in Marketo Admin > Web Services.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw badConfigError(`The ${label} must be a plain address, without a user name, "?" or "#".`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith(`/${kind}`)) {
    throw badConfigError(`The ${label} must end with /${kind}, as shown in Marketo Admin > Web Services.`);
  }
  return `${url.origin}${path}`;
}

/** Base URLs for a connection: overrides when given, else derived from the Munchkin ID. */
export function resolveEndpoints(settings: EndpointSettings): MarketoEndpoints {
  const restBaseUrl = settings.restBaseUrl
    ? normalizeBaseUrl(settings.restBaseUrl, 'rest')
    : defaultRestBaseUrl(settings.munchkinId);
  const identityBaseUrl = settings.identityBaseUrl
    ? normalizeBaseUrl(settings.identityBaseUrl, 'identity')
    : defaultIdentityBaseUrl(settings.munchkinId);
  return { restBaseUrl, identityBaseUrl, userManagementBaseUrl: restBaseUrl.slice(0, -'/rest'.length) };
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
