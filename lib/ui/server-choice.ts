import { serverOriginPattern } from '../backend/server-url.ts';
import { requestHosts, type HostPermissionAnswer } from './host-permission-wait.ts';

/**
 * Asks for the team server's host permission. Must be the first call of the
 * person's click: browsers only show the prompt during a user gesture. Loaded
 * with the pages that ask (first run, claim link, IT's move), not at start.
 */
export const requestServerPermission = (serverUrl: string): Promise<HostPermissionAnswer> =>
  requestHosts([serverOriginPattern(serverUrl)]);
