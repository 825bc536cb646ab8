import { parseEmail } from '../../domain/email.ts';
import {
  emailDomain,
  type IdentityProvider,
  type IdentitySettings,
  type LoginPolicy,
  type ProviderFields,
  type SignInMethod,
} from '../../domain/identity-provider.ts';
import type { Member } from '../../domain/member.ts';
import { connectionOf, type OrgConnectionState } from '../../domain/org-connection.ts';
import { fail, ok, type Result } from '../../domain/result.ts';

/**
 * Who may change the org's identity settings: the owner (the admin who made
 * the org connection), or any admin while the org has no connection yet (as
 * for the org's export: before the connection, nobody is the owner).
 */
export function decideIdentityAdmin(actor: Member, org: OrgConnectionState): Result<void> {
  const owner = connectionOf(org)?.ownerId;
  if (owner !== undefined && owner !== actor.id)
    return fail('not-owner', 'Only the admin who connected the org to Marketo can change how its members sign in.');
  return ok(undefined);
}

/**
 * Who keeps a way in under "company sign-in only" (their passkey), for the
 * day the identity provider is down: the owner; while the org has no
 * connection, the admin who set the policy.
 */
export const policyKeeper = (org: OrgConnectionState, settings: IdentitySettings): string | undefined =>
  connectionOf(org)?.ownerId ?? settings.policySetBy;

/**
 * The provider as it will be stored. Under "company sign-in only" the issuer
 * and client ID stay as they are (a new provider must first be proven by the
 * owner's sign-in); the name, the domains and a new secret (a rotation) may
 * change. A provider is registered with its secret; a change may keep it.
 */
export function decideProvider(
  actor: Member,
  org: OrgConnectionState,
  settings: IdentitySettings,
  fields: ProviderFields,
  hasSecret: boolean,
  now: number,
): Result<IdentityProvider> {
  const allowed = decideIdentityAdmin(actor, org);
  if (!allowed.ok) return allowed;
  const current = settings.provider;
  const sameProvider = current?.issuer === fields.issuer && current.clientId === fields.clientId;
  if (settings.policy === 'sso-only' && !sameProvider)
    return fail(
      'sso-policy-sso-only',
      'Members sign in only with the company sign-in: allow emailed codes and passkeys again before changing the issuer or the client ID.',
    );
  if (fields.clientSecret === undefined && !(hasSecret && sameProvider))
    return fail(
      'clientSecret-missing',
      'Enter the client secret of the app registered with your identity provider.',
      'clientSecret',
    );
  return ok({
    name: fields.name,
    issuer: fields.issuer,
    clientId: fields.clientId,
    domains: fields.domains,
    // A changed issuer or client must be proven again by the owner's sign-in; a new name or secret need not.
    updatedAt: sameProvider && current ? current.updatedAt : now,
  });
}

/** The provider goes only while members may still sign in without it. */
export function decideProviderRemoval(
  actor: Member,
  org: OrgConnectionState,
  settings: IdentitySettings,
): Result<void> {
  const allowed = decideIdentityAdmin(actor, org);
  if (!allowed.ok) return allowed;
  if (!settings.provider) return fail('sso-not-configured', 'The org has no identity provider.');
  if (settings.policy === 'sso-only')
    return fail(
      'sso-policy-sso-only',
      'Members sign in only with the company sign-in: allow emailed codes and passkeys again before removing the provider.',
    );
  return ok(undefined);
}

/**
 * A new login policy. "Company sign-in only" needs a provider and one
 * successful sign-in through it by whoever sets it (the owner, who keeps
 * their passkey), after the provider was last changed: nobody locks the org
 * out with a provider that was never seen to work.
 */
export function decideLoginPolicy(
  actor: Member,
  org: OrgConnectionState,
  settings: IdentitySettings,
  policy: LoginPolicy,
  actorLastSsoAt: number | undefined,
): Result<IdentitySettings> {
  const allowed = decideIdentityAdmin(actor, org);
  if (!allowed.ok) return allowed;
  if (policy === 'sso-only') {
    if (!settings.provider)
      return fail('sso-not-configured', 'Register the company’s identity provider before requiring it.');
    if (actorLastSsoAt === undefined || actorLastSsoAt < settings.provider.updatedAt)
      return fail(
        'sso-owner-untested',
        `Sign in once with ${settings.provider.name} yourself first: then you know it works before everyone must use it.`,
      );
  }
  return ok({ ...settings, policy, policySetBy: actor.id });
}

/**
 * Whether the org's login policy lets this member make a session this way.
 * Under "company sign-in only" only the provider signs people in, but for the
 * policy's keeper, who keeps their passkey for the day the provider is down.
 */
export function decideSignInMethod(
  settings: IdentitySettings,
  org: OrgConnectionState,
  memberId: string,
  method: SignInMethod,
): Result<void> {
  if (method === 'sso')
    return settings.provider ? ok(undefined) : fail('sso-not-configured', 'This org has no company sign-in.');
  if (settings.policy === 'codes-and-passkeys') return ok(undefined);
  if (method === 'passkey' && policyKeeper(org, settings) === memberId) return ok(undefined);
  const name = settings.provider?.name ?? 'your company sign-in';
  return fail('sso-required', `Your org signs you in with ${name} only: use "Sign in with ${name}".`);
}

/** What the identity provider said about the person, from its verified ID token. */
export interface ProviderClaims {
  email?: unknown;
  email_verified?: unknown;
  /** Microsoft Entra ID's "email domain owner verified" (an optional claim): Entra sends no `email_verified`. */
  xms_edov?: unknown;
  name?: unknown;
}

/**
 * The email an SSO sign-in is for: one the provider says it verified, in a
 * domain the owner said this provider vouches for. The member is then looked
 * up by it in this org only.
 */
export function ssoEmail(claims: ProviderClaims, provider: IdentityProvider): Result<string> {
  const email = parseEmail(claims.email);
  if (!email.ok)
    return fail('sso-refused', `${provider.name} did not say which email you sign in with: ask your IT admin.`);
  // Only a plain yes: a missing claim, false or anything else is no verification.
  const yes = (claim: unknown) => claim === true || claim === 'true';
  if (!yes(claims.email_verified) && !yes(claims.xms_edov))
    return fail(
      'sso-email-unverified',
      `${provider.name} has not verified the email ${email.value}: ask your IT admin to verify it.`,
    );
  if (!provider.domains.includes(emailDomain(email.value)))
    return fail(
      'sso-domain-not-vouched',
      `${provider.name} does not sign in emails of ${emailDomain(email.value)} for this org: sign in another way, or ask the org’s owner.`,
    );
  return ok(email.value);
}

/** The member an SSO sign-in is for, in the org whose provider was used: an invited member only; nobody is created. */
export function ssoMember(member: Member | undefined, email: string): Result<Member> {
  if (!member)
    return fail(
      'sso-not-member',
      `${email} is not a member of this org: ask an admin of your team to invite you, then sign in again.`,
    );
  return ok(member);
}

/**
 * Where the server may send a browser back after the provider, with the
 * sign-in's one-time result: only to this extension's own pages or to the
 * browsers' identity redirect hosts (Chromium's `https://<id>.chromiumapp.org/`
 * and Firefox's `https://<id>.extensions.allizom.org/`, which
 * `identity.launchWebAuthFlow` catches before any request). The result is
 * worthless without the verifier the extension kept, but no web page gets it.
 */
export function isExtensionRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash || uri.length > 500) return false;
  if (url.protocol === 'chrome-extension:') return /^[a-p]{32}$/.test(url.hostname);
  if (url.protocol === 'moz-extension:') return /^[0-9a-f-]{36}$/.test(url.hostname);
  if (url.protocol !== 'https:' || url.port !== '') return false;
  return (
    /^[a-p]{32}\.chromiumapp\.org$/.test(url.hostname) || /^[0-9a-f]{40}\.extensions\.allizom\.org$/.test(url.hostname)
  );
}
