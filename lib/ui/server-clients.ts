import { createServerAuth } from '../backend/team-server/page/auth.ts';
import { readServerToken, setServerToken } from '../backend/server-session.ts';
import { globalFetch } from '../backend/team-server/shared/request.ts';
import { createSsoSignIn } from '../backend/team-server/page/sso.ts';
import { browser } from 'wxt/browser';

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

/**
 * The pages' company sign-in: the browser's identity window
 * (`identity.launchWebAuthFlow`), which catches the provider's redirect to
 * this extension's own redirect URL. Run from the options page: the popup
 * closes when the window takes the focus.
 */
export const ssoSignIn = (serverUrl: string) =>
  createSsoSignIn({
    serverUrl,
    fetch: globalFetch,
    flow: {
      redirectUrl: () => browser.identity.getRedirectURL('sso'),
      launch: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    },
  });
