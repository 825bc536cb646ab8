import { parseMunchkinId } from '../domain/munchkin.ts';
import { endpointsFor, hostPermissionOrigins, isLoopbackUrl } from '../domain/marketo-endpoints.ts';
import { requestHosts } from './host-permission-wait.ts';

export type PermissionOutcome = { ok: true } | { ok: false; hosts: string; abandoned: boolean };

/**
 * Asks for permission to reach the instance's hosts. Must be the first await
 * of the Connect click: browsers only show the prompt during a user gesture.
 * Malformed fields are left to the worker, which explains them field by field.
 */
export async function requestMarketoHostPermission(
  fields: { munchkinId: string; restBaseUrl: string; identityBaseUrl: string },
  onServer: boolean,
): Promise<PermissionOutcome> {
  // On a team server the server calls Marketo, not this browser: nothing to ask. (Known before the click: no await before the prompt.)
  if (onServer) return { ok: true };
  const munchkinId = parseMunchkinId(fields.munchkinId);
  if (!munchkinId.ok) return { ok: true };
  const endpoints = endpointsFor({
    munchkinId: munchkinId.value,
    restBaseUrl: fields.restBaseUrl.trim() || undefined,
    identityBaseUrl: fields.identityBaseUrl.trim() || undefined,
  });
  if (!endpoints.ok) return { ok: true };
  const { restBaseUrl, identityBaseUrl } = endpoints.value;
  if (isLoopbackUrl(restBaseUrl) && isLoopbackUrl(identityBaseUrl)) return { ok: true };
  const origins = hostPermissionOrigins(endpoints.value);
  const answer = await requestHosts(origins);
  return answer === 'granted'
    ? { ok: true }
    : { ok: false, hosts: origins.join(', '), abandoned: answer === 'abandoned' };
}
