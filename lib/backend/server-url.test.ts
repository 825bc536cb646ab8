import { describe, expect, it } from 'vitest';
import { parseClaimHash, parseClaimLink } from './claim-link.ts';
import { parseServerUrl, serverOriginPattern } from './server-url.ts';

describe('parseServerUrl', () => {
  it.each([
    ['https://access.example.com', 'https://access.example.com'],
    ['  https://Access.Example.com/  ', 'https://access.example.com'],
    ['https://corp.example/marketo-access/', 'https://corp.example/marketo-access'],
    ['https://access.example.com:8443?x=1#y', 'https://access.example.com:8443'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('accepts %s as %s', (raw, expected) => {
    expect(parseServerUrl(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'server-url-invalid'],
    ['access.example.com', 'server-url-invalid'],
    ['http://access.example.com', 'server-url-insecure'],
    ['http://192.168.1.10:8787', 'server-url-insecure'],
    ['http://localhost.evil.example', 'server-url-insecure'],
    ['ftp://access.example.com', 'server-url-insecure'],
    ['javascript:alert(1)', 'server-url-insecure'],
    ['https://me:secret@access.example.com', 'server-url-invalid'],
  ])('refuses %j (%s), naming the field', (raw, code) => {
    const parsed = parseServerUrl(raw);
    expect(parsed.ok || parsed.problem).toMatchObject({ code, field: 'serverUrl' });
  });

  it('asks permission for the server’s host only, on any port (what a passkey’s relying party id needs)', () => {
    expect(serverOriginPattern('https://corp.example/marketo-access')).toBe('https://corp.example/*');
    expect(serverOriginPattern('http://localhost:8787')).toBe('http://localhost/*');
    expect(serverOriginPattern('https://access.example.com:8443')).toBe('https://access.example.com/*');
  });
});

describe('the owner’s claim link', () => {
  const TOKEN = 'AbC_123-xyz789';

  it('reads the printed link', () => {
    expect(parseClaimLink(`https://access.example.com/claim#${TOKEN}`)).toEqual({
      serverUrl: 'https://access.example.com',
      token: TOKEN,
    });
    expect(parseClaimLink(` http://localhost:8787/claim#${TOKEN} `)).toEqual({
      serverUrl: 'http://localhost:8787',
      token: TOKEN,
    });
    expect(parseClaimLink(`https://corp.example/ma/claim#${TOKEN}`)).toEqual({
      serverUrl: 'https://corp.example/ma',
      token: TOKEN,
    });
  });

  it.each([
    `http://access.example.com/claim#${TOKEN}`,
    `https://access.example.com/other#${TOKEN}`,
    'https://access.example.com/claim',
    'https://access.example.com/claim#<script>',
    'not a link',
  ])('refuses %s', (raw) => {
    expect(parseClaimLink(raw)).toBeUndefined();
  });

  it('reads the options page’s hash', () => {
    expect(parseClaimHash(`#claim=${TOKEN}&server=${encodeURIComponent('https://access.example.com/')}`)).toEqual({
      serverUrl: 'https://access.example.com',
      token: TOKEN,
    });
    expect(parseClaimHash(`#claim=${TOKEN}&server=http://evil.example`)).toBeUndefined();
    expect(parseClaimHash('#access')).toBeUndefined();
  });
});
