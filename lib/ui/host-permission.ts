import { browser } from 'wxt/browser';
import { parseMunchkinId } from '../domain/munchkin.ts';
import { endpointsFor, hostPermissionOrigins, isLoopbackUrl } from '../domain/marketo-endpoints.ts';
import { orgLocation } from './org-location.ts';

export type PermissionOutcome = { ok: true } | { ok: false; hosts: string };

/**
 * Asks for permission to reach the instance's hosts. Must be the first await
 * of the Connect click: browsers only show the prompt during a user gesture.
 * Malformed fields are left to the worker, which explains them field by field.
 */
export async function requestMarketoHostPermission(fields: {
  munchkinId: string;
  restBaseUrl: string;
  identityBaseUrl: string;
}): Promise<PermissionOutcome> {
  // On a team server the server calls Marketo, not this browser: nothing to ask. (A signal, not storage: no await before the prompt.)
  const location = orgLocation.value;
  if (typeof location === 'object' && location.mode === 'server') return { ok: true };
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
  try {
    if (await browser.permissions.request({ origins })) return { ok: true };
  } catch {
    // Falls through: a browser that cannot ask is treated as a refusal.
  }
  return { ok: false, hosts: origins.join(', ') };
}
