import {
  checkBaseUrl,
  defaultBaseUrl,
  endpointsFor,
  type BaseUrlKind,
  type EndpointSettings,
  type MarketoEndpoints,
} from '../domain/marketo-endpoints.ts';
import type { Result } from '../domain/result.ts';
import { badConfigError } from './errors.ts';

// The address facts live in the domain (pages need them for the host
// permission); the client throws a `bad-config` MarketoError where they refuse.
export {
  hostOf,
  hostPermissionOrigins,
  instanceOrigins,
  isLoopbackUrl,
  isMunchkinId,
  type BaseUrlKind,
  type EndpointSettings,
  type MarketoEndpoints,
} from '../domain/marketo-endpoints.ts';

function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw badConfigError(result.problem.message);
  return result.value;
}

export const defaultRestBaseUrl = (munchkinId: string): string => orThrow(defaultBaseUrl(munchkinId, 'rest'));
export const defaultIdentityBaseUrl = (munchkinId: string): string => orThrow(defaultBaseUrl(munchkinId, 'identity'));

/** Checks an override (see checkBaseUrl); throws a `bad-config` MarketoError when it cannot work. */
export const normalizeBaseUrl = (raw: string, kind: BaseUrlKind): string => orThrow(checkBaseUrl(raw, kind));

/** Base URLs for a connection: overrides when given, else derived from the Munchkin ID. */
export const resolveEndpoints = (settings: EndpointSettings): MarketoEndpoints => orThrow(endpointsFor(settings));
