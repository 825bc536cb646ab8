import { describe, expect, it } from 'vitest';
import { aMember, anOrg, T0 } from '../../../tests/fixtures/domain.ts';
import type { IdentityProvider, IdentitySettings, SignInMethod } from '../../domain/identity-provider.ts';
import type { OrgConnectionState } from '../../domain/org-connection.ts';
import {
  decideIdentityAdmin,
  decideLoginPolicy,
  decideProvider,
  decideProviderRemoval,
  decideSignInMethod,
  isExtensionRedirect,
  ssoEmail,
  ssoMember,
} from './rules.ts';

const code = (r: { ok: boolean; problem?: { code: string } }) => (r.ok ? 'ok' : r.problem?.code);
const owner = aMember({ id: 'owner', role: 'admin' });
const admin = aMember({ id: 'admin', role: 'admin' });
const connected: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };
const unconnected: OrgConnectionState = { status: 'not-connected' };
const okta: IdentityProvider = {
  name: 'Okta',
  issuer: 'https://acme.okta.com',
  clientId: 'client',
  domains: ['acme.com'],
  updatedAt: T0,
};
const codes: IdentitySettings = { policy: 'codes-and-passkeys' };
const withOkta: IdentitySettings = { policy: 'codes-and-passkeys', provider: okta };
const ssoOnly: IdentitySettings = { policy: 'sso-only', provider: okta, policySetBy: 'owner' };
const fields = { name: 'Okta', issuer: okta.issuer, clientId: 'client', domains: ['acme.com'] };

describe('who may change the identity settings', () => {
  it.each<[string, string, typeof owner, OrgConnectionState]>([
    ['the owner of the connection', 'ok', owner, connected],
    ['another admin, once connected', 'not-owner', admin, connected],
    ['any admin, before a connection', 'ok', admin, unconnected],
  ])('%s → %s', (_case, expected, actor, org) => expect(code(decideIdentityAdmin(actor, org))).toBe(expected));
});

describe('registering or changing the provider', () => {
  it.each<[string, string, IdentitySettings, Parameters<typeof decideProvider>[3], boolean]>([
    ['a first provider with its secret', 'ok', codes, { ...fields, clientSecret: 's' }, false],
    ['a first provider without a secret', 'clientSecret-missing', codes, fields, false],
    ['the same provider, keeping its secret', 'ok', withOkta, { ...fields, name: 'Acme' }, true],
    [
      'another client, keeping a secret that was the old one’s',
      'clientSecret-missing',
      withOkta,
      { ...fields, clientId: 'c2' },
      true,
    ],
    ['under SSO-only: a new secret (a rotation)', 'ok', ssoOnly, { ...fields, clientSecret: 's2' }, true],
    [
      'under SSO-only: another issuer',
      'sso-policy-sso-only',
      ssoOnly,
      { ...fields, issuer: 'https://x.okta.com', clientSecret: 's' },
      true,
    ],
  ])('%s → %s', (_case, expected, settings, change, hasSecret) =>
    expect(code(decideProvider(owner, connected, settings, change, hasSecret, T0 + 5))).toBe(expected),
  );

  it('a changed issuer or client must be proven again (its time moves); a new name or secret keeps it', () => {
    const renamed = decideProvider(
      owner,
      connected,
      withOkta,
      { ...fields, name: 'Acme', clientSecret: 's' },
      true,
      T0 + 5,
    );
    const moved = decideProvider(
      owner,
      connected,
      withOkta,
      { ...fields, clientId: 'c2', clientSecret: 's' },
      true,
      T0 + 5,
    );
    expect(renamed.ok && renamed.value.updatedAt).toBe(T0);
    expect(moved.ok && moved.value.updatedAt).toBe(T0 + 5);
  });

  it.each<[string, string, IdentitySettings]>([
    ['removed while codes are allowed', 'ok', withOkta],
    ['removed under SSO-only', 'sso-policy-sso-only', ssoOnly],
    ['none to remove', 'sso-not-configured', codes],
  ])('%s → %s', (_case, expected, settings) =>
    expect(code(decideProviderRemoval(owner, connected, settings))).toBe(expected),
  );
});

describe('the login policy', () => {
  it.each<[string, string, IdentitySettings, 'sso-only' | 'codes-and-passkeys', number | undefined]>([
    ['SSO-only without a provider', 'sso-not-configured', codes, 'sso-only', T0],
    ['SSO-only before the owner signed in with it', 'sso-owner-untested', withOkta, 'sso-only', undefined],
    ['SSO-only after a sign-in with a provider changed since', 'sso-owner-untested', withOkta, 'sso-only', T0 - 1],
    ['SSO-only after the owner’s sign-in', 'ok', withOkta, 'sso-only', T0 + 1],
    ['codes and passkeys again, any time', 'ok', ssoOnly, 'codes-and-passkeys', undefined],
  ])('%s → %s', (_case, expected, settings, policy, last) =>
    expect(code(decideLoginPolicy(owner, connected, settings, policy, last))).toBe(expected),
  );

  it('is set only by who may change the settings, and names them', () => {
    expect(code(decideLoginPolicy(admin, connected, withOkta, 'sso-only', T0 + 1))).toBe('not-owner');
    const set = decideLoginPolicy(admin, unconnected, withOkta, 'sso-only', T0 + 1);
    expect(set.ok && set.value.policySetBy).toBe('admin');
  });

  it.each<[string, string, IdentitySettings, OrgConnectionState, string, SignInMethod]>([
    ['a code, codes allowed', 'ok', withOkta, connected, 'rep', 'code'],
    ['a passkey, codes allowed', 'ok', withOkta, connected, 'rep', 'passkey'],
    ['SSO with a provider', 'ok', withOkta, connected, 'rep', 'sso'],
    ['SSO without a provider', 'sso-not-configured', codes, connected, 'rep', 'sso'],
    ['a code under SSO-only', 'sso-required', ssoOnly, connected, 'rep', 'code'],
    ['a rep’s passkey under SSO-only', 'sso-required', ssoOnly, connected, 'rep', 'passkey'],
    ['the owner’s code under SSO-only', 'sso-required', ssoOnly, connected, 'owner', 'code'],
    ['the owner’s passkey under SSO-only (the provider may be down)', 'ok', ssoOnly, connected, 'owner', 'passkey'],
    ['before a connection: the passkey of who set the policy', 'ok', ssoOnly, unconnected, 'owner', 'passkey'],
    ['before a connection: another admin’s passkey', 'sso-required', ssoOnly, unconnected, 'admin', 'passkey'],
    ['SSO under SSO-only', 'ok', ssoOnly, connected, 'rep', 'sso'],
  ])('%s → %s', (_case, expected, settings, org, memberId, method) =>
    expect(code(decideSignInMethod(settings, org, memberId, method))).toBe(expected),
  );
});

describe('what the provider vouches for', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['a verified email of a vouched domain', 'ok', { email: 'Ana@Acme.com', email_verified: true }],
    ['"true" as a string (some providers)', 'ok', { email: 'ana@acme.com', email_verified: 'true' }],
    ['email_verified false', 'sso-email-unverified', { email: 'ana@acme.com', email_verified: false }],
    ['Entra’s xms_edov true (it sends no email_verified)', 'ok', { email: 'ana@acme.com', xms_edov: true }],
    ['Entra’s xms_edov false', 'sso-email-unverified', { email: 'ana@acme.com', xms_edov: false }],
    ['email_verified missing', 'sso-email-unverified', { email: 'ana@acme.com' }],
    ['"false" as a string', 'sso-email-unverified', { email: 'ana@acme.com', email_verified: 'false' }],
    ['another domain', 'sso-domain-not-vouched', { email: 'ana@gmail.com', email_verified: true }],
    ['a subdomain not listed', 'sso-domain-not-vouched', { email: 'ana@eu.acme.com', email_verified: true }],
    ['no email', 'sso-refused', { email_verified: true }],
  ])('%s → %s', (_case, expected, claims) => expect(code(ssoEmail(claims, okta))).toBe(expected));

  it('answers the email folded to lower case, and only an invited member', () => {
    const email = ssoEmail({ email: 'Ana@Acme.com', email_verified: true }, okta);
    expect(email.ok && email.value).toBe('ana@acme.com');
    expect(code(ssoMember(undefined, 'ana@acme.com'))).toBe('sso-not-member');
    expect(code(ssoMember(admin, 'ana@acme.com'))).toBe('ok');
  });
});

describe('where a sign-in may come back to', () => {
  it.each<[string, boolean]>([
    ['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/sso', true],
    ['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/', true],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html', true],
    ['moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/options.html', true],
    ['https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/', true],
    ['https://evil.example/sso', false],
    ['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/', false],
    ['https://evil.example@abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/', false],
    ['http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/', false],
    ['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org:8443/', false],
    ['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/#sso=x', false],
    ['chrome-extension://not-an-id/options.html', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (uri, expected) => expect(isExtensionRedirect(uri)).toBe(expected));
});
