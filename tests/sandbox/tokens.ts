import { randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.ts';

/**
 * Access tokens as Marketo's identity service hands them out: one current
 * token per custom service; asking again before it expires returns the same
 * token with its remaining lifetime; an expired token is told apart (602)
 * from one never issued (601).
 */
export interface IssuedToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
}

export type TokenCheck = 'valid' | 'expired' | 'unknown';

export interface TokenIssuer {
  issue(): IssuedToken;
  check(token: string): TokenCheck;
  /** Makes every token expired now (to try 602 without a fake clock). */
  expireAll(): void;
  readonly issuedCount: number;
}

export function createTokenIssuer(clock: SandboxClock, lifetimeSeconds: number, scope: string): TokenIssuer {
  /** token → expiry time (ms). Expired tokens stay so they answer 602, not 601. */
  const expiries = new Map<string, number>();
  let current: string | undefined;
  let issuedCount = 0;

  const remainingSeconds = (token: string): number => Math.floor(((expiries.get(token) ?? 0) - clock.now()) / 1000);

  return {
    issue() {
      if (current === undefined || remainingSeconds(current) < 1) {
        // Marketo's tokens look like `cdf01657-110d-4155-99a7-f986b2ff13a0:int`.
        current = `${randomUUID()}:sb`;
        expiries.set(current, clock.now() + lifetimeSeconds * 1000);
        issuedCount += 1;
      }
      return { access_token: current, token_type: 'bearer', expires_in: remainingSeconds(current), scope };
    },
    check(token) {
      const expiry = expiries.get(token);
      if (expiry === undefined) return 'unknown';
      return clock.now() < expiry ? 'valid' : 'expired';
    },
    expireAll() {
      const now = clock.now();
      for (const token of expiries.keys()) expiries.set(token, now);
    },
    get issuedCount() {
      return issuedCount;
    },
  };
}
