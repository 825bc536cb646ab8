/**
 * Every failure of the Marketo client is a MarketoError: a stable `code` the
 * worker can branch on, a `retryable` flag, and a message a person can act on.
 *
 * Messages are written here and only here, so none can carry the client secret
 * or an access token: text that comes from Marketo goes through `redact` first.
 */

import type { MarketoApiCode, MarketoErrorCode } from '../domain/problems.ts';

export type { MarketoApiCode, MarketoErrorCode };

/** Which API a call went to: a 603 means a different missing permission on each. */
export type MarketoApi = 'identity' | 'rest' | 'user-management';

export interface MarketoErrorInit {
  code: MarketoErrorCode;
  message: string;
  retryable: boolean;
  httpStatus?: number;
  requestId?: string;
  /** Marketo's own wording, redacted; for support, not for people. */
  detail?: string;
  /** From a Retry-After header. */
  retryAfterMs?: number;
}

export class MarketoError extends Error {
  override readonly name = 'MarketoError';
  readonly code: MarketoErrorCode;
  /** True when the same request may succeed later without changing any setting. */
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly detail?: string;
  readonly retryAfterMs?: number;

  constructor(init: MarketoErrorInit) {
    super(init.message);
    this.code = init.code;
    this.retryable = init.retryable;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

export const isMarketoError = (e: unknown): e is MarketoError => e instanceof MarketoError;

/** Replaces every occurrence of each secret (client secret, tokens) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real secrets are long.
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

// Codes after which the same request can work later. 601/602 are here because
// a fresh token fixes them; 607 is not, since "tomorrow" is not a retry.
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['601', '602', '604', '606', '608', '615']);

const ROLE_HINT: Record<MarketoApi, string> = {
  identity: 'for this call',
  rest: 'for this call',
  'user-management': 'to read workspaces and users (Access Users, and Access User Management Api)',
};

function messageForCode(code: string, api: MarketoApi, marketoMessage: string | undefined): string {
  switch (code) {
    case '601':
      return 'Marketo did not accept the access token (601). A new one is fetched automatically; if this keeps happening, connect again with the Client ID and Client Secret.';
    case '602':
      return 'The Marketo access token expired (602). A new one is fetched automatically; if this keeps happening, check the computer clock and try again.';
    case '603':
      return (
        `Access denied (603): the API user's role lacks the permission needed ${ROLE_HINT[api]}. ` +
        "Ask your Marketo admin to add it to the API user's role. If the instance limits API access to listed IP addresses, that list must include this network."
      );
    case '604':
      return 'Marketo took too long to answer (604). Try again in a moment.';
    case '606':
      return 'Too many Marketo API calls: an instance allows 100 every 20 seconds, shared by all its integrations (606). Wait a minute and try again.';
    case '607':
      return 'Daily API quota used up (607); it resets at midnight US Central time (CST). The quota is shown in Marketo under Admin > Web Services.';
    case '608':
      return 'The Marketo API is temporarily unavailable (608). Try again in a few minutes.';
    case '611':
      return 'Marketo had a system error (611). Try again later; if it keeps happening, contact Marketo support.';
    case '614':
      return 'Marketo cannot find or reach this subscription (614). Check the Munchkin ID and the REST URL shown under Admin > Web Services; if they are right, try again later.';
    case '615':
      return 'Too many Marketo API calls at once: an instance allows 10 at a time, shared by all its integrations (615). Try again in a moment.';
    case '1008':
      return (
        "Access denied to a lead partition (1008): the API user's role has no access to the workspace that holds the record. " +
        "Ask your Marketo admin to give the API user's role access to that workspace."
      );
    default:
      return `Marketo refused the request (code ${code}${marketoMessage ? `: ${marketoMessage}` : ''}).`;
  }
}

export interface ErrorContext {
  api: MarketoApi;
  /** Values that must never appear in any text: the client secret, tokens. */
  secrets: readonly string[];
  httpStatus?: number;
  requestId?: string;
}

/** An error for a code Marketo sent in an `errors` array. */
export function marketoCodeError(code: string, marketoMessage: unknown, ctx: ErrorContext): MarketoError {
  const detail = typeof marketoMessage === 'string' ? redact(marketoMessage, ctx.secrets).slice(0, 300) : undefined;
  const init: MarketoErrorInit = {
    code: /^\d+$/.test(code) ? (code as `${number}`) : 'bad-response',
    message: messageForCode(code, ctx.api, detail),
    retryable: RETRYABLE_CODES.has(code),
  };
  if (ctx.httpStatus !== undefined) init.httpStatus = ctx.httpStatus;
  if (ctx.requestId !== undefined) init.requestId = ctx.requestId;
  if (detail !== undefined) init.detail = detail;
  return new MarketoError(init);
}

export function badCredentialsError(httpStatus?: number): MarketoError {
  const init: MarketoErrorInit = {
    code: 'bad-credentials',
    message:
      'Marketo refused the Client ID or Client Secret. Copy them again from Admin > LaunchPoint > View Details, with no spaces.',
    retryable: false,
  };
  if (httpStatus !== undefined) init.httpStatus = httpStatus;
  return new MarketoError(init);
}

export function badConfigError(message: string): MarketoError {
  return new MarketoError({ code: 'bad-config', message, retryable: false });
}

export function networkError(host: string): MarketoError {
  return new MarketoError({
    code: 'network',
    message: `Could not reach ${host}: check the Munchkin ID / REST URL and your network.`,
    retryable: true,
  });
}

export function timeoutError(host: string, timeoutMs: number): MarketoError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return new MarketoError({
    code: 'timeout',
    message: `${host} did not answer within ${seconds} s. Try again; if it keeps happening, check the REST URL and your network.`,
    retryable: true,
  });
}

export function httpStatusError(host: string, status: number, retryAfterMs?: number): MarketoError {
  let init: MarketoErrorInit;
  if (status >= 500) {
    init = {
      code: 'http-5xx',
      message: `Marketo at ${host} answered with a server error (HTTP ${status}). Try again in a few minutes.`,
      retryable: true,
    };
  } else if (status === 429) {
    init = {
      code: 'http-429',
      message: `Marketo at ${host} asked to slow down (HTTP 429). Wait a minute and try again.`,
      retryable: true,
    };
  } else if (status === 404) {
    init = {
      code: 'http-status',
      message: `${host} has no Marketo API at this address (HTTP 404). Check the Munchkin ID, or the REST and Identity URLs shown under Admin > Web Services.`,
      retryable: false,
    };
  } else {
    init = {
      code: 'http-status',
      message: `Marketo at ${host} answered HTTP ${status} unexpectedly.`,
      retryable: false,
    };
  }
  init.httpStatus = status;
  if (retryAfterMs !== undefined) init.retryAfterMs = retryAfterMs;
  return new MarketoError(init);
}

/** `what` names the part that was wrong, in words: it must not echo the body. */
export function badResponseError(host: string, what: string, httpStatus?: number): MarketoError {
  const init: MarketoErrorInit = {
    code: 'bad-response',
    message: `${host} sent a response that is not what Marketo sends (${what}). Check that the REST and Identity URLs point to Marketo.`,
    retryable: false,
  };
  if (httpStatus !== undefined) init.httpStatus = httpStatus;
  return new MarketoError(init);
}
