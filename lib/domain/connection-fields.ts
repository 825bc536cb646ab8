import { parseMunchkinId, type TypedShape } from './munchkin.ts';
import { fail, ok, type Problem, type Result } from './result.ts';

export interface ConnectionFieldsInput {
  munchkinId: unknown;
  clientId: unknown;
  clientSecret: unknown;
  restBaseUrl?: unknown;
  identityBaseUrl?: unknown;
}

export interface ConnectionFields {
  munchkinId: string;
  clientId: string;
  clientSecret: string;
  /** Absent: derived from the Munchkin ID. */
  restBaseUrl?: string;
  identityBaseUrl?: string;
}

/** Longest Client ID or Client Secret accepted (Marketo's are far shorter). */
export const MAX_CREDENTIAL_LENGTH = 200;
/** Longest REST or Identity endpoint accepted. */
export const MAX_ENDPOINT_LENGTH = 400;

const LABEL = { clientId: 'Client ID', clientSecret: 'Client Secret' } as const;

// Credentials are pasted from Marketo Admin > LaunchPoint: surrounding spaces
// are the classic mistake, so they are trimmed; a space inside is a bad paste.
function parseCredential(raw: unknown, field: 'clientId' | 'clientSecret'): Result<string> {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '')
    return fail(
      `${field}-missing`,
      `Enter the ${LABEL[field]} from Marketo Admin > LaunchPoint > View Details.`,
      field,
    );
  if (/\s/.test(value))
    return fail(`${field}-has-space`, `The ${LABEL[field]} contains a space: copy it again from LaunchPoint.`, field);
  if (value.length > MAX_CREDENTIAL_LENGTH)
    return fail(`${field}-too-long`, `The ${LABEL[field]} is too long to be a Marketo credential.`, field);
  return ok(value);
}

/**
 * Where credentials may be sent. A production build sends them only to
 * Marketo's own hosts over https; loopback (the local sandbox) is for builds
 * made for development and tests, and for a team server started for them.
 */
export interface EndpointPolicy {
  allowLoopback: boolean;
}

const MARKETO_HOST = /^[a-z0-9-]+\.mktorest\.com$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

// Instances show their own endpoints under Admin > Web Services.
function parseBaseUrl(
  raw: unknown,
  field: 'restBaseUrl' | 'identityBaseUrl',
  policy: EndpointPolicy,
): Result<string | undefined> {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return ok(undefined);
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text.length > MAX_ENDPOINT_LENGTH)
    return fail(`${field}-invalid`, 'That endpoint is too long to be a Marketo address: copy it again.', field);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(
      `${field}-invalid`,
      `"${text}" is not a URL: copy the endpoint from Marketo Admin > Web Services.`,
      field,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    return fail(`${field}-invalid`, 'The endpoint must be a plain address, without user, query or #.', field);
  }
  const loopback =
    policy.allowLoopback && LOOPBACK_HOSTS.has(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:');
  if (!loopback && url.protocol !== 'https:')
    return fail(`${field}-insecure`, 'Marketo endpoints use https://.', field);
  if (!loopback && !MARKETO_HOST.test(url.hostname)) {
    return fail(
      `${field}-not-marketo`,
      'Marketo endpoints are on mktorest.com: copy them from Marketo Admin > Web Services.',
      field,
    );
  }
  return ok(url.href.replace(/\/+$/, ''));
}

/** Checks the connection form; reports every field's problem at once. */
export function parseConnectionFields(
  input: ConnectionFieldsInput,
  policy: EndpointPolicy = { allowLoopback: false },
): { ok: true; value: ConnectionFields } | { ok: false; problems: Problem[] } {
  const munchkinId = parseMunchkinId(input.munchkinId);
  const clientId = parseCredential(input.clientId, 'clientId');
  const clientSecret = parseCredential(input.clientSecret, 'clientSecret');
  const restBaseUrl = parseBaseUrl(input.restBaseUrl, 'restBaseUrl', policy);
  const identityBaseUrl = parseBaseUrl(input.identityBaseUrl, 'identityBaseUrl', policy);
  if (!munchkinId.ok || !clientId.ok || !clientSecret.ok || !restBaseUrl.ok || !identityBaseUrl.ok) {
    const problems = [munchkinId, clientId, clientSecret, restBaseUrl, identityBaseUrl].flatMap((r) =>
      r.ok ? [] : [r.problem],
    );
    return { ok: false, problems };
  }
  const fields: ConnectionFields = {
    munchkinId: munchkinId.value,
    clientId: clientId.value,
    clientSecret: clientSecret.value,
  };
  if (restBaseUrl.value) fields.restBaseUrl = restBaseUrl.value;
  if (identityBaseUrl.value) fields.identityBaseUrl = identityBaseUrl.value;
  return { ok: true, value: fields };
}

// LaunchPoint shows a Client ID as a GUID (8-4-4-4-12 hexadecimal digits), as the sandbox's demo one is.
const CLIENT_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a typed Client ID has LaunchPoint's shape. A hint only (the page
 * warns, nothing refuses): Marketo checks the credential itself, and a
 * different shape is most often the Client Secret pasted in its place.
 */
export function clientIdAsTyped(raw: string): TypedShape {
  const text = raw.trim();
  if (text === '') return 'empty';
  if (CLIENT_ID_SHAPE.test(text)) return 'complete';
  // A prefix of the shape, still being typed or pasted.
  const prefix = '00000000-0000-0000-0000-000000000000'.slice(0, text.length).replace(/0/g, '[0-9a-f]');
  return text.length < 36 && new RegExp(`^${prefix}$`, 'i').test(text) ? 'partial' : 'wrong';
}
