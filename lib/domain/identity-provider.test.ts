import { describe, expect, it } from 'vitest';
import { MAX_SSO_DOMAINS, parseDomains, parseIssuer, parseProviderFields } from './identity-provider.ts';

const code = (r: { ok: boolean; problem?: { code: string } }) => (r.ok ? 'ok' : r.problem?.code);

describe('the issuer URL', () => {
  it.each<[unknown, boolean, string]>([
    ['https://acme.okta.com', false, 'ok'],
    ['https://login.microsoftonline.com/0000-tenant/v2.0', false, 'ok'],
    ['  https://accounts.google.com  ', false, 'ok'],
    ['http://acme.okta.com', false, 'sso-issuer-invalid'],
    ['http://127.0.0.1:4000', false, 'sso-issuer-invalid'],
    ['http://127.0.0.1:4000', true, 'ok'],
    ['http://10.0.0.1:4000', true, 'sso-issuer-invalid'],
    ['https://acme.okta.com?x=1', false, 'sso-issuer-invalid'],
    ['https://acme.okta.com#x', false, 'sso-issuer-invalid'],
    ['https://user:pw@acme.okta.com', false, 'sso-issuer-invalid'],
    ['not a url', false, 'sso-issuer-invalid'],
    ['', false, 'sso-issuer-invalid'],
    [42, false, 'sso-issuer-invalid'],
  ])('%s (loopback %s) → %s', (raw, allowLoopback, expected) =>
    expect(code(parseIssuer(raw, { allowLoopback }))).toBe(expected),
  );
});

describe('the email domains', () => {
  it('takes lines, commas or spaces, drops "@" and repeats, folds case', () => {
    const parsed = parseDomains('Acme.com\n@acme.fr, acme.com  eu.acme.com');
    expect(parsed.ok && parsed.value).toEqual(['acme.com', 'acme.fr', 'eu.acme.com']);
    expect(code(parseDomains(['acme.com', 'ACME.COM']))).toBe('ok');
  });
  it.each<[unknown, string]>([
    ['', 'sso-domain-invalid'],
    [[], 'sso-domain-invalid'],
    ['com', 'sso-domain-invalid'],
    ['acme .com', 'sso-domain-invalid'],
    ['ana@acme.com', 'sso-domain-invalid'],
    ['-acme.com', 'sso-domain-invalid'],
    ['acme.com/x', 'sso-domain-invalid'],
    [Array.from({ length: MAX_SSO_DOMAINS + 1 }, (_, i) => `d${i}.com`), 'sso-domain-invalid'],
    [Array.from({ length: MAX_SSO_DOMAINS }, (_, i) => `d${i}.com`), 'ok'],
  ])('%s → %s', (raw, expected) => expect(code(parseDomains(raw))).toBe(expected));
});

describe('the provider form', () => {
  it('reports every field at once; an empty secret keeps the stored one', () => {
    const bad = parseProviderFields({ name: '', issuer: 'x', clientId: ' ', domains: '' }, { allowLoopback: false });
    expect(bad.ok ? [] : bad.problems.map((p) => p.code)).toEqual([
      'sso-name-invalid',
      'sso-issuer-invalid',
      'clientId-missing',
      'sso-domain-invalid',
    ]);
    const good = parseProviderFields(
      { name: ' Okta ', issuer: 'https://acme.okta.com', clientId: 'abc', clientSecret: '', domains: ['acme.com'] },
      { allowLoopback: false },
    );
    expect(good.ok && good.value).toEqual({
      name: 'Okta',
      issuer: 'https://acme.okta.com',
      clientId: 'abc',
      domains: ['acme.com'],
    });
    const spaced = parseProviderFields(
      { name: 'Okta', issuer: 'https://acme.okta.com', clientId: 'abc', clientSecret: 'a b', domains: ['acme.com'] },
      { allowLoopback: false },
    );
    expect(spaced.ok ? [] : spaced.problems.map((p) => p.code)).toEqual(['clientSecret-has-space']);
  });
});
