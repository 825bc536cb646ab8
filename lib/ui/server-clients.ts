import { createServerAuth } from '../backend/team-server/page/auth.ts';
import { readServerToken, setServerToken } from '../backend/settings.ts';
import { globalFetch } from '../backend/team-server/shared/request.ts';

/** The pages' sign-in client for a team server (the browser's own fetch). */
export const serverAuth = (serverUrl: string) => createServerAuth({ serverUrl, fetch: globalFetch });

/**
 * Signs this browser out of the team server: the session ends there (best
 * effort) and the token is forgotten here whatever the server says; the
 * pages and the worker follow the stored location.
 */
export async function signOutOfServer(serverUrl: string): Promise<void> {
  const token = await readServerToken();
  if (token) await serverAuth(serverUrl).signOut(token);
  await setServerToken(undefined);
}
