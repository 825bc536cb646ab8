// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MarketoError, type MarketoErrorCode } from './errors.ts';
import { backOffDelay, DEFAULT_RETRY_POLICY, retryActionFor } from './retry.ts';

const errorWith = (code: MarketoErrorCode): MarketoError => new MarketoError({ code, message: 'm', retryable: false });

describe('retryActionFor', () => {
  it.each([
    ['601', 'renew-token'],
    ['602', 'renew-token'],
    ['604', 'back-off'],
    ['606', 'back-off'],
    ['608', 'back-off'],
    ['615', 'back-off'],
    ['http-5xx', 'back-off'],
    ['http-429', 'back-off'],
    ['network', 'back-off'],
    ['603', 'stop'],
    ['607', 'stop'],
    ['611', 'stop'],
    ['614', 'stop'],
    ['1008', 'stop'],
    ['610', 'stop'],
    ['bad-credentials', 'stop'],
    ['bad-config', 'stop'],
    ['bad-response', 'stop'],
    ['http-status', 'stop'],
    ['timeout', 'stop'],
  ] as const)('%s → %s', (code, action) => {
    expect(retryActionFor(errorWith(code))).toBe(action);
  });
});

describe('backOffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { maxRetries: 8, baseDelayMs: 1000, maxDelayMs: 20_000 };
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backOffDelay(n, policy))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 20_000, 20_000,
    ]);
  });

  it('honours Retry-After up to the cap', () => {
    expect(backOffDelay(0, DEFAULT_RETRY_POLICY, 5000)).toBe(5000);
    expect(backOffDelay(0, DEFAULT_RETRY_POLICY, 600_000)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(backOffDelay(2, DEFAULT_RETRY_POLICY, 10)).toBe(4000);
  });
});
