// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  badCredentialsError,
  httpStatusError,
  marketoCodeError,
  MarketoError,
  networkError,
  redact,
  timeoutError,
} from './errors.ts';

const SECRET = 'S3cr3t-Value-0123456789';
const ctx = { api: 'rest' as const, secrets: [SECRET, 'tok-abc-123'] };

describe('marketoCodeError', () => {
  it.each([
    ['601', true, /access token/i],
    ['602', true, /expired/i],
    ['603', false, /Access denied.*role lacks the permission.*Marketo admin/s],
    ['604', true, /too long/],
    ['606', true, /100 every 20 seconds/],
    ['607', false, /resets at midnight US Central time \(CST\)/],
    ['608', true, /temporarily unavailable/],
    ['611', false, /system error/],
    ['614', false, /Munchkin ID and the REST URL/],
    ['615', true, /10 at a time/],
    ['1008', false, /partition.*workspace/s],
    ['709', false, /code 709: Business Rule Violation/],
  ])('%s: retryable %s, message %s', (code, retryable, message) => {
    const error = marketoCodeError(code, code === '709' ? 'Business Rule Violation' : 'whatever', ctx);
    expect(error).toBeInstanceOf(MarketoError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(message);
  });

  it('names the User Management permissions when a workspace read is denied', () => {
    const error = marketoCodeError('603', 'Access denied', { ...ctx, api: 'user-management' });
    expect(error.message).toContain('Access User Management Api');
    expect(error.message).toContain('Access Users');
  });

  it('keeps Marketo wording as detail, with secrets and tokens redacted', () => {
    const error = marketoCodeError('611', `failed for ${SECRET} with tok-abc-123`, {
      ...ctx,
      requestId: 'r#1',
      httpStatus: 200,
    });
    expect(error.detail).toBe('failed for [redacted] with [redacted]');
    expect(error).toMatchObject({ requestId: 'r#1', httpStatus: 200 });
    expect(marketoCodeError('799', `bad ${SECRET}`, ctx).message).not.toContain(SECRET);
  });

  it('keeps a non-numeric code out of the code field', () => {
    expect(marketoCodeError('oops', undefined, ctx).code).toBe('bad-response');
  });
});

describe('other errors', () => {
  it('bad credentials says where to copy them from', () => {
    expect(badCredentialsError(401)).toMatchObject({
      code: 'bad-credentials',
      retryable: false,
      httpStatus: 401,
      message:
        'Marketo refused the Client ID or Client Secret. Copy them again from Admin > LaunchPoint > View Details, with no spaces.',
    });
  });

  it('network names only the host', () => {
    expect(networkError('123-abc-456.mktorest.com').message).toBe(
      'Could not reach 123-abc-456.mktorest.com: check the Munchkin ID / REST URL and your network.',
    );
  });

  it('timeout gives seconds', () => {
    expect(timeoutError('h', 15_000)).toMatchObject({ code: 'timeout', retryable: true });
    expect(timeoutError('h', 15_000).message).toContain('15 s');
  });

  it.each([
    [500, 'http-5xx', true],
    [503, 'http-5xx', true],
    [429, 'http-429', true],
    [404, 'http-status', false],
    [413, 'http-status', false],
  ] as const)('HTTP %i is %s, retryable %s', (status, code, retryable) => {
    expect(httpStatusError('h', status)).toMatchObject({ code, retryable, httpStatus: status });
  });
});

describe('redact', () => {
  it('replaces every occurrence and ignores very short values', () => {
    expect(redact('a SECRET b SECRET', ['SECRET'])).toBe('a [redacted] b [redacted]');
    expect(redact('abc', ['a'])).toBe('abc');
  });
});
