import type { MarketoError } from './errors.ts';

/**
 * What to do after a failed call. Three answers, from Marketo's error
 * documentation:
 * - `renew-token`: 601 / 602, the token is bad or expired; get a new one and
 *   repeat once.
 * - `back-off`: the instance is busy or briefly unwell (604, 606, 608, 615,
 *   HTTP 5xx / 429, network failures); wait longer each time, a few times.
 * - `stop`: nothing changes by repeating (603 access denied, 607 quota,
 *   614 subscription, 1008 partition, bad credentials, bad settings, a
 *   response we cannot read, any other code).
 *
 * Our own timeouts stop too: the person already waited the whole timeout,
 * and repeating it would make them wait several times as long before hearing
 * anything. The error is marked retryable so the page can offer "Try again".
 */
export type RetryAction = 'renew-token' | 'back-off' | 'stop';

const BACK_OFF_CODES: ReadonlySet<string> = new Set(['604', '606', '608', '615', 'http-5xx', 'http-429', 'network']);

export function retryActionFor(error: MarketoError): RetryAction {
  if (error.code === '601' || error.code === '602') return 'renew-token';
  if (BACK_OFF_CODES.has(error.code)) return 'back-off';
  return 'stop';
}

export interface RetryPolicy {
  /** Back-off retries after the first attempt (token renewal does not count). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1_000, maxDelayMs: 20_000 };

/**
 * Delay before back-off retry number `retry` (0-based): base·2^retry, capped.
 * A Retry-After from the server is honoured up to the cap. No jitter: the rate
 * limiter already spreads this client's calls, and tests stay deterministic.
 */
export function backOffDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const exponential = policy.baseDelayMs * 2 ** retry;
  return Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0));
}
