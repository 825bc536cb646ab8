// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MarketoError } from './errors.ts';
import {
  defaultIdentityBaseUrl,
  defaultRestBaseUrl,
  hostOf,
  hostPermissionOrigins,
  isLoopbackUrl,
  normalizeBaseUrl,
  resolveEndpoints,
} from './urls.ts';

describe('default base URLs', () => {
  it.each([
    ['123-ABC-456', 'https://123-abc-456.mktorest.com/rest', 'https://123-abc-456.mktorest.com/identity'],
    [' 064-ccj-768 ', 'https://064-ccj-768.mktorest.com/rest', 'https://064-ccj-768.mktorest.com/identity'],
  ])('derives them from %j', (munchkin, rest, identity) => {
    expect(defaultRestBaseUrl(munchkin)).toBe(rest);
    expect(defaultIdentityBaseUrl(munchkin)).toBe(identity);
  });

  it.each(['', '123ABC456', '123-AB1-456', '123-ABC-456.mktorest.com', 'evil.com/x'])(
    'refuses the Munchkin ID %j',
    (munchkin) => {
      expect(() => defaultRestBaseUrl(munchkin)).toThrow(MarketoError);
      expect(() => defaultRestBaseUrl(munchkin)).toThrow(/Munchkin ID/);
    },
  );
});

describe('normalizeBaseUrl', () => {
  it.each([
    ['https://123-ABC-456.mktorest.com/rest', 'rest', 'https://123-abc-456.mktorest.com/rest'],
    ['https://123-abc-456.mktorest.com/rest/', 'rest', 'https://123-abc-456.mktorest.com/rest'],
    ['  https://123-abc-456.mktorest.com/identity//  ', 'identity', 'https://123-abc-456.mktorest.com/identity'],
    ['http://127.0.0.1:4010/rest', 'rest', 'http://127.0.0.1:4010/rest'],
    ['http://localhost:4010/identity/', 'identity', 'http://localhost:4010/identity'],
    ['https://127.0.0.1:8443/prefix/rest', 'rest', 'https://127.0.0.1:8443/prefix/rest'],
  ] as const)('accepts %j as a %s URL', (raw, kind, expected) => {
    expect(normalizeBaseUrl(raw, kind)).toBe(expected);
  });

  it.each([
    ['not a url', 'rest', /not a web address/],
    ['ftp://123-abc-456.mktorest.com/rest', 'rest', /https:\/\//],
    ['http://123-abc-456.mktorest.com/rest', 'rest', /https:\/\//],
    ['http://192.168.1.10:4010/rest', 'rest', /https:\/\//],
    ['https://example.com/rest', 'rest', /mktorest\.com/],
    ['https://mktorest.com.evil.example/rest', 'rest', /mktorest\.com/],
    ['https://user:pw@123-abc-456.mktorest.com/rest', 'rest', /plain address/],
    ['https://123-abc-456.mktorest.com/rest?x=1', 'rest', /plain address/],
    ['https://123-abc-456.mktorest.com/rest#top', 'rest', /plain address/],
    ['https://123-abc-456.mktorest.com/identity', 'rest', /end with \/rest/],
    ['https://123-abc-456.mktorest.com/rest/v1', 'rest', /end with \/rest/],
    ['https://123-abc-456.mktorest.com', 'identity', /end with \/identity/],
  ] as const)('refuses %j as a %s URL', (raw, kind, message) => {
    let error: unknown;
    try {
      normalizeBaseUrl(raw, kind);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MarketoError);
    expect(error).toMatchObject({ code: 'bad-config', retryable: false });
    expect((error as Error).message).toMatch(message);
  });
});

describe('resolveEndpoints', () => {
  it('derives everything from the Munchkin ID by default', () => {
    expect(resolveEndpoints({ munchkinId: '123-ABC-456' })).toEqual({
      restBaseUrl: 'https://123-abc-456.mktorest.com/rest',
      identityBaseUrl: 'https://123-abc-456.mktorest.com/identity',
      userManagementBaseUrl: 'https://123-abc-456.mktorest.com',
    });
  });

  it('uses overrides; User Management is the REST host without /rest', () => {
    const endpoints = resolveEndpoints({
      munchkinId: '123-ABC-456',
      restBaseUrl: 'http://127.0.0.1:4010/rest/',
      identityBaseUrl: 'http://127.0.0.1:4010/identity',
    });
    expect(endpoints).toEqual({
      restBaseUrl: 'http://127.0.0.1:4010/rest',
      identityBaseUrl: 'http://127.0.0.1:4010/identity',
      userManagementBaseUrl: 'http://127.0.0.1:4010',
    });
  });

  it('needs no valid Munchkin ID when both URLs are given', () => {
    expect(
      resolveEndpoints({
        munchkinId: '',
        restBaseUrl: 'http://127.0.0.1:1/rest',
        identityBaseUrl: 'http://127.0.0.1:1/identity',
      }).restBaseUrl,
    ).toBe('http://127.0.0.1:1/rest');
  });

  it('treats empty overrides as absent', () => {
    expect(
      resolveEndpoints({ munchkinId: '123-ABC-456', restBaseUrl: '', identityBaseUrl: undefined }).restBaseUrl,
    ).toBe('https://123-abc-456.mktorest.com/rest');
  });
});

describe('hostPermissionOrigins', () => {
  it.each([
    [{ munchkinId: '123-ABC-456' }, ['https://123-abc-456.mktorest.com/*']],
    [
      {
        munchkinId: '123-ABC-456',
        restBaseUrl: 'http://127.0.0.1:4010/rest',
        identityBaseUrl: 'http://127.0.0.1:4010/identity',
      },
      ['http://127.0.0.1/*'],
    ],
    [
      { munchkinId: '123-ABC-456', identityBaseUrl: 'https://999-xyz-000.mktorest.com/identity' },
      ['https://123-abc-456.mktorest.com/*', 'https://999-xyz-000.mktorest.com/*'],
    ],
    [
      {
        munchkinId: '123-ABC-456',
        restBaseUrl: 'http://localhost:4010/rest',
        identityBaseUrl: 'http://127.0.0.1:4010/identity',
      },
      ['http://localhost/*', 'http://127.0.0.1/*'],
    ],
  ])('for %j asks for %j (no port: match patterns have none)', (settings, origins) => {
    expect(hostPermissionOrigins(resolveEndpoints(settings))).toEqual(origins);
  });
});

describe('isLoopbackUrl and hostOf', () => {
  it.each([
    ['http://127.0.0.1:4010/rest', true],
    ['https://localhost/identity', true],
    ['https://123-abc-456.mktorest.com/rest', false],
    ['http://127.0.0.2/rest', false],
    ['not a url', false],
  ])('%j is loopback: %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });

  it('gives the host with its port, never the path or query', () => {
    expect(hostOf('http://127.0.0.1:4010/identity/oauth/token?client_secret=x')).toBe('127.0.0.1:4010');
    expect(hostOf('https://123-abc-456.mktorest.com/rest')).toBe('123-abc-456.mktorest.com');
  });
});
