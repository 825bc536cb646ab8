/** The Marketo REST client for the org connection: tokens, the envelope, errors by code, the rate limiter. */
export { createMarketoClient, DEFAULT_TIMEOUT_MS } from './client.ts';
export type { MarketoClient, MarketoClientOptions, UsersPage } from './client.ts';
export { workspacesEnabledFrom } from './connection-check.ts';
export type { ConnectionCheck } from './connection-check.ts';
export { isMarketoError, MarketoError } from './errors.ts';
export type { MarketoApi, MarketoApiCode, MarketoErrorCode } from './errors.ts';
export type { FetchLike } from './http.ts';
export { MARKETO_LIMITS } from './limiter.ts';
export type { RateLimits } from './limiter.ts';
export type { DailyUsage, MarketoRole, MarketoUser, MarketoWorkspace } from './resources.ts';
export { DEFAULT_RETRY_POLICY } from './retry.ts';
export type { RetryPolicy } from './retry.ts';
export { memoryTokenStore } from './token.ts';
export type { CachedToken, TokenStore } from './token.ts';
export {
  defaultIdentityBaseUrl,
  defaultRestBaseUrl,
  hostOf,
  hostPermissionOrigins,
  isLoopbackUrl,
  isMunchkinId,
  normalizeBaseUrl,
  resolveEndpoints,
} from './urls.ts';
export type { EndpointSettings, MarketoEndpoints } from './urls.ts';
