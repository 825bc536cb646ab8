import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFakeServer, type FakeServer } from '../../tests/doubles/team-server-api.ts';
import { forgetServerToken, readOrgChoice } from '../backend/server-session.ts';
import { readOrgLocation, writeOrgLocation } from '../backend/settings.ts';
import { askForOrg, chooseOrg, chosenOrg, keepOrg, keepSignedIn } from './server-sign-in.ts';

let server: FakeServer;
const PAT = 'pat@example.com';
const ALPHA = { orgId: 'alpha', orgName: 'Alpha', role: 'admin' as const };
const BRAVO = { orgId: 'bravo', orgName: 'Bravo', role: 'user' as const };

beforeEach(async () => {
  fakeBrowser.reset();
  server = createFakeServer();
  vi.stubGlobal('fetch', server.fetch);
  await writeOrgLocation({ mode: 'server', serverUrl: server.origin });
});
afterEach(() => vi.unstubAllGlobals());

const location = async () => {
  const l = await readOrgLocation();
  if (l?.mode !== 'server') throw new Error('not on a server');
  return l;
};

describe('a person in several orgs of one team server', () => {
  it('in one org: signed in, nothing asked, the org remembered', async () => {
    server.memberOf(PAT, [ALPHA]);
    const token = server.signIn(PAT);
    await keepSignedIn(server.origin, token);
    expect(await location()).toEqual({
      mode: 'server',
      serverUrl: server.origin,
      token,
      orgId: 'alpha',
      orgs: [ALPHA],
    });
    expect(await readOrgChoice(server.origin)).toBe('alpha');
  });

  it('in two orgs with none remembered: asked; staying keeps the session, another org is a new session', async () => {
    server.memberOf(PAT, [ALPHA, BRAVO]);
    const first = server.signIn(PAT);
    await keepSignedIn(server.origin, first);
    expect(await location()).toMatchObject({ token: first, orgId: 'alpha', orgs: [ALPHA, BRAVO], choose: true });
    expect(await chosenOrg(server.origin)).toBeUndefined();

    expect(await chooseOrg('bravo')).toEqual({ ok: true, value: null });
    const switched = await location();
    expect(switched).toMatchObject({ orgId: 'bravo', orgs: [ALPHA, BRAVO] });
    expect(switched.choose).toBeUndefined();
    expect(switched.token).not.toBe(first);
    expect(server.orgOf(switched.token!)).toBe('bravo');
    // The old session ended on the server: one session per server in this browser.
    expect(server.sessions.has(first)).toBe(false);
    expect(await chosenOrg(server.origin)).toBe('bravo');

    // The switch asks again; staying sends nothing.
    await askForOrg();
    expect((await location()).choose).toBe(true);
    const sent = server.requests.length;
    await keepOrg();
    expect(await location()).toEqual({ ...switched });
    expect(server.requests.length).toBe(sent);
  });

  it('the remembered org is asked for at the next sign-in, and then nothing is asked', async () => {
    server.memberOf(PAT, [ALPHA, BRAVO]);
    await keepSignedIn(server.origin, server.signIn(PAT));
    await chooseOrg('bravo');
    const again = server.signIn(PAT, await chosenOrg(server.origin));
    await keepSignedIn(server.origin, again);
    expect(await location()).toMatchObject({ token: again, orgId: 'bravo' });
    expect((await location()).choose).toBeUndefined();
  });

  it('an org the person left is refused, and their session is kept', async () => {
    server.memberOf(PAT, [ALPHA, BRAVO]);
    const token = server.signIn(PAT);
    await keepSignedIn(server.origin, token);
    server.memberOf(PAT, [ALPHA]);
    const refused = await chooseOrg('bravo');
    expect(refused.ok || refused.problem.code).toBe('not-invited');
    expect(await location()).toMatchObject({ token, orgId: 'alpha' });
  });

  it('an answer to the session this browser switched away from forgets nothing', async () => {
    await writeOrgLocation({ mode: 'server', serverUrl: server.origin, token: 'new', orgId: 'bravo' });
    await forgetServerToken('old');
    expect((await location()).token).toBe('new');
    await forgetServerToken('new');
    expect((await location()).token).toBeUndefined();
  });

  it('a server that lists no orgs: signed in as before, with no org switch', async () => {
    const token = server.signIn(PAT);
    await keepSignedIn(server.origin, token);
    expect(await location()).toEqual({ mode: 'server', serverUrl: server.origin, token });
  });
});
