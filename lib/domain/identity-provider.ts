import type { EndpointPolicy } from './connection-fields.ts';
import { fail, ok, type Problem, type Result } from './result.ts';

/**
 * The org's identity provider (single sign-on, OpenID Connect) and its login
 * policy: values, limits and parsing. The decisions are in
 * lib/features/identity/rules.ts.
 */

/** How the org's members may sign in: SIA's Login Management, in two choices. */
export const LOGIN_POLICIES = ['codes-and-passkeys', 'sso-only'] as const;
export type LoginPolicy = (typeof LOGIN_POLICIES)[number];
export const DEFAULT_LOGIN_POLICY: LoginPolicy = 'codes-and-passkeys';

/** The ways a session is made on a team server. */
export type SignInMethod = 'code' | 'passkey' | 'sso';

/** Longest issuer URL accepted (Entra's is about 80 characters). */
export const MAX_ISSUER_LENGTH = 400;
/** Longest client ID or secret (a Salesforce consumer key is about 85; secrets are longer than Marketo's). */
export const MAX_IDP_CREDENTIAL_LENGTH = 500;
/** Longest name shown on "Sign in with …". */
export const MAX_PROVIDER_NAME_LENGTH = 40;
/** Email domains one identity provider may vouch for. */
export const MAX_SSO_DOMAINS = 20;
const MAX_DOMAIN_LENGTH = 253;

/** What the owner registers, as stored (the client secret apart, sealed). */
export interface IdentityProvider {
  /** Shown on the sign-in button: "Sign in with Okta". */
  name: string;
  issuer: string;
  clientId: string;
  /** Lower case, without "@": the email domains this provider vouches for. */
  domains: string[];
  /** When the provider was registered or last changed (epoch ms): an owner's SSO sign-in before it proves nothing. */
  updatedAt: number;
}

/** The org's identity settings: its provider, if any, and its login policy. */
export interface IdentitySettings {
  provider?: IdentityProvider;
  policy: LoginPolicy;
  /** Who set the policy last: while the org has no Marketo connection (no owner), the one who keeps a way in. */
  policySetBy?: string;
}

export interface ProviderFieldsInput {
  name: unknown;
  issuer: unknown;
  clientId: unknown;
  clientSecret?: unknown;
  domains: unknown;
}

export interface ProviderFields {
  name: string;
  issuer: string;
  clientId: string;
  /** Absent: keep the stored secret (the page never has it back). */
  clientSecret?: string;
  domains: string[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);
// A host name: labels of letters, digits and hyphens, at least one dot (a bare "com" vouches for nobody).
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function parseName(raw: unknown): Result<string> {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '' || value.length > MAX_PROVIDER_NAME_LENGTH || /[\p{Cc}\p{Cf}]/u.test(value))
    return fail(
      'sso-name-invalid',
      `Name the provider as people know it (Okta, Microsoft, Google…), ${MAX_PROVIDER_NAME_LENGTH} characters at most.`,
      'name',
    );
  return ok(value);
}

/**
 * The issuer, exactly as the provider states it in its discovery document
 * (https, no query or fragment); loopback http only where the endpoint policy
 * allows it (development and tests).
 */
export function parseIssuer(raw: unknown, policy: EndpointPolicy): Result<string> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const invalid = () =>
    fail<string>(
      'sso-issuer-invalid',
      'Enter the issuer URL your identity provider shows (https://…), without ? or #.',
      'issuer',
    );
  if (text === '' || text.length > MAX_ISSUER_LENGTH) return invalid();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid();
  }
  if (url.username || url.password || url.search || url.hash) return invalid();
  const loopback = policy.allowLoopback && LOOPBACK_HOSTS.has(url.hostname) && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !loopback) return invalid();
  // The issuer is compared with the ID token's `iss` as a string: keep what was typed, less a trailing slash
  // only when the provider's own form has none (decided by discovery, which reports the issuer it states).
  return ok(text);
}

function parseIdpCredential(raw: unknown, field: 'clientId' | 'clientSecret'): Result<string> {
  const value = typeof raw === 'string' ? raw.trim() : '';
  const label = field === 'clientId' ? 'client ID' : 'client secret';
  if (value === '')
    return fail(`${field}-missing`, `Enter the ${label} of the app registered with your identity provider.`, field);
  if (/\s/.test(value)) return fail(`${field}-has-space`, `The ${label} contains a space: copy it again.`, field);
  if (value.length > MAX_IDP_CREDENTIAL_LENGTH) return fail(`${field}-too-long`, `The ${label} is too long.`, field);
  return ok(value);
}

/** Email domains, typed one per line or separated by commas or spaces; "@" before each is dropped; lower case, no repeats. */
export function parseDomains(raw: unknown): Result<string[]> {
  const parts = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,;]+/) : [];
  const domains = [
    ...new Set(
      parts
        .filter((d): d is string => typeof d === 'string')
        .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
        .filter((d) => d !== ''),
    ),
  ];
  if (domains.length === 0)
    return fail('sso-domain-invalid', 'Enter the email domains this provider vouches for (example.com).', 'domains');
  if (domains.length > MAX_SSO_DOMAINS)
    return fail('sso-domain-invalid', `At most ${MAX_SSO_DOMAINS} email domains per provider.`, 'domains');
  const bad = domains.find((d) => d.length > MAX_DOMAIN_LENGTH || !DOMAIN.test(d));
  if (bad !== undefined)
    return fail(
      'sso-domain-invalid',
      `"${bad.slice(0, 60)}" is not an email domain: write it as it follows the @ (example.com).`,
      'domains',
    );
  return ok(domains);
}

/** Checks the provider form; reports every field's problem at once. A missing secret keeps the stored one. */
export function parseProviderFields(
  input: ProviderFieldsInput,
  policy: EndpointPolicy,
): { ok: true; value: ProviderFields } | { ok: false; problems: Problem[] } {
  const name = parseName(input.name);
  const issuer = parseIssuer(input.issuer, policy);
  const clientId = parseIdpCredential(input.clientId, 'clientId');
  const keepSecret = input.clientSecret === undefined || input.clientSecret === '';
  const clientSecret = keepSecret ? ok(undefined) : parseIdpCredential(input.clientSecret, 'clientSecret');
  const domains = parseDomains(input.domains);
  if (!name.ok || !issuer.ok || !clientId.ok || !clientSecret.ok || !domains.ok)
    return {
      ok: false,
      problems: [name, issuer, clientId, clientSecret, domains].flatMap((r) => (r.ok ? [] : [r.problem])),
    };
  return {
    ok: true,
    value: {
      name: name.value,
      issuer: issuer.value,
      clientId: clientId.value,
      domains: domains.value,
      ...(clientSecret.value !== undefined && { clientSecret: clientSecret.value }),
    },
  };
}

/** The domain of an email (after its last "@"), lower case. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
