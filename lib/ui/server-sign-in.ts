import { readOrgChoice, rememberOrgChoice, setServerToken } from '../backend/server-session.ts';
import { readOrgLocation, writeOrgLocation } from '../backend/settings.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { serverAuth } from './server-clients.ts';

/**
 * A new session on a team server (an emailed code, a passkey, the owner's
 * claim): kept with its membership's org and the person's orgs, which one
 * read of the session tells. A person in several orgs chooses one, once per
 * server (their choice is remembered and sent with the next sign-in); until
 * then the pages ask them.
 */
export async function keepSignedIn(serverUrl: string, token: string): Promise<void> {
  const session = await serverAuth(serverUrl).session(token);
  // The session works without: the org switch is only offered when the server listed the person's orgs.
  if (!session.ok) return writeOrgLocation({ mode: 'server', serverUrl, token });
  const orgs = session.value.memberships ?? [];
  const orgId = session.value.orgId;
  const remembered = await readOrgChoice(serverUrl);
  const choose = orgs.length > 1 && remembered !== orgId;
  if (!choose) await rememberOrgChoice(serverUrl, orgId);
  await writeOrgLocation({ mode: 'server', serverUrl, token, orgId, orgs, ...(choose && { choose: true as const }) });
}

/** The org to sign in to: the one this browser chose last on this server, if any. */
export const chosenOrg = (serverUrl: string): Promise<string | undefined> => readOrgChoice(serverUrl);

/**
 * The person chose `orgId`: their session's own org is kept as it is; any
 * other is a new session for that membership (the server ends the old one).
 * Remembered for this server either way.
 */
export async function chooseOrg(orgId: string): Promise<Result<null>> {
  const location = await readOrgLocation();
  if (location?.mode !== 'server' || !location.token)
    return fail('not-signed-in', 'Your session on the team server has ended: sign in again.');
  const { serverUrl, token, orgs } = location;
  const session = { ...(orgs && { orgs }), orgId };
  if (location.orgId === orgId) {
    await rememberOrgChoice(serverUrl, orgId);
    await setServerToken(token, session);
    return ok(null);
  }
  const auth = serverAuth(serverUrl);
  const switched = await auth.switchOrg(token, orgId);
  if (!switched.ok) {
    // The server no longer knows the session: sign in again.
    if (switched.problem.code === 'not-signed-in') await setServerToken(undefined);
    return switched;
  }
  await rememberOrgChoice(serverUrl, orgId);
  // The person's orgs as they are now (a role may have changed since the sign-in); the list kept if unread.
  const fresh = await auth.session(switched.value);
  const now = fresh.ok && fresh.value.memberships ? { ...session, orgs: fresh.value.memberships } : session;
  await setServerToken(switched.value, now);
  return ok(null);
}

/** The org switch: the pages ask which org, over the session they have. */
export async function askForOrg(): Promise<void> {
  const location = await readOrgLocation();
  if (location?.mode !== 'server' || !location.token) return;
  const { mode: _mode, serverUrl: _url, token, ...session } = location;
  await setServerToken(token, { ...session, choose: true });
}

/** Back from the org question without changing org (the switch was a second thought). */
export async function keepOrg(): Promise<void> {
  const location = await readOrgLocation();
  if (location?.mode !== 'server' || !location.token || !location.orgId) return;
  await chooseOrg(location.orgId);
}
