import { useLocaleInNode } from '../../tests/contract/i18n-in-node.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeActivity, actorName } from '../../components/activity/describe-activity.ts';
import { aMember } from '../../tests/fixtures/domain.ts';
import { callCommand } from '../testing/http.ts';
import { directoryOrg, scimClient, type DirectoryOrg } from '../testing/scim.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

// The sequences Okta and Microsoft Entra ID document for a SCIM 2.0 app, request by request, as each sends them:
// Okta's "SCIM 2.0 spec test" (Runscope) and its provisioning guide; Microsoft's "Tutorial: Develop and plan
// provisioning for a SCIM endpoint" (the request/response examples of its User and Group operations).
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The org's Activity log as the Activity tab shows it: who | what, in English. */
async function activityLines(org: DirectoryOrg): Promise<string[]> {
  useLocaleInNode('en');
  const state = await callCommand(server.url, 'getState', {}, { token: org.owner });
  const names = new Map<string, string>(
    state.body.value.members.map((m: { id: string; name: string }) => [m.id, m.name]),
  );
  const log = await callCommand(server.url, 'getActivity', {}, { token: org.owner });
  const context = { nameOf: (id: string) => names.get(id), workspaces: [] };
  return (log.body.value as Parameters<typeof describeActivity>[0][])
    .reverse()
    .map((e) => `${actorName(e, context)} | ${describeActivity(e, context)}`);
}

const memberRow = async (org: DirectoryOrg, id: string) =>
  (await org.dump()).members.find((m) => (m as { id: string }).id === id) as
    | { status: string; name: string; email: string; source: string; teams: string[]; external_id: string | null }
    | undefined;

describe('Okta', () => {
  it('provisions, finds, updates, deactivates and reactivates a user, and pushes a group with its members', async () => {
    const org = await directoryOrg(server, {
      name: 'Okta Co',
      ownerEmail: 'owner@okta.example',
      members: [aMember({ id: 'granted', email: 'granted@okta.example', status: 'active' })],
      tokenName: 'Okta',
    });
    const { scim } = org;
    // Okta's connection test: the first user of the list.
    const probe = await scim('GET', '/Users?startIndex=1&count=1');
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ schemas: [LIST], totalResults: 2, startIndex: 1, itemsPerPage: 1 });
    expect(probe.body.Resources).toHaveLength(1);
    expect(probe.headers.get('content-type')).toMatch(/^application\/scim\+json/);

    // Import matching before a push: nobody has this userName yet.
    const none = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "ana.lima@okta.example"')}&startIndex=1&count=100`,
    );
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim('POST', '/Users', {
      schemas: [USER],
      userName: 'Ana.Lima@okta.example',
      name: { givenName: 'Ana', familyName: 'Lima' },
      emails: [{ primary: true, value: 'Ana.Lima@okta.example', type: 'work' }],
      displayName: 'Ana Lima',
      locale: 'en-US',
      externalId: '00u1abcd',
      groups: [],
      password: 'never-kept-1!',
      active: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toMatch(new RegExp(`^https?://[^/]+/scim/v2/Users/${id}$`));
    expect(created.body).toMatchObject({ userName: 'ana.lima@okta.example', active: true, externalId: '00u1abcd' });
    expect(created.body).not.toHaveProperty('password');
    expect(await memberRow(org, id)).toMatchObject({
      name: 'Ana Lima',
      email: 'ana.lima@okta.example',
      status: 'invited',
      source: 'directory',
      external_id: '00u1abcd',
    });

    // The same user again: a duplicate, in SCIM's words.
    const again = await scim('POST', '/Users', {
      schemas: [USER],
      userName: 'ana.lima@okta.example',
      name: { givenName: 'Ana', familyName: 'Lima' },
      active: true,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });

    // userName compares without case.
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "ANA.LIMA@OKTA.EXAMPLE"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    expect((await scim('GET', `/Users/${id}`)).body).toMatchObject({
      id,
      name: { givenName: 'Ana', familyName: 'Lima' },
    });

    // Profile push: a PUT of the whole user.
    const put = await scim('PUT', `/Users/${id}`, {
      schemas: [USER],
      id,
      userName: 'ana.lima@okta.example',
      name: { givenName: 'Ana', familyName: 'Lima-Souza' },
      emails: [{ primary: true, value: 'ana.lima@okta.example', type: 'work' }],
      active: true,
    });
    expect(put.status).toBe(200);
    expect((await memberRow(org, id))?.name).toBe('Ana Lima-Souza');

    // Unassigned in Okta: `active: false` (Okta never deletes). Grant her access first: deactivation takes it away.
    server.clock.advance(11 * 60_000);
    expect(
      (
        await callCommand(
          server.url,
          'grantAccess',
          { memberIds: [id, 'granted'], workspaceIds: [] },
          { token: org.owner },
        )
      ).status,
    ).toBe(200);
    const off = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    let dump = await org.dump();
    expect(dump.grants.map((g) => (g as { member_id: string }).member_id)).toEqual(['granted']);
    expect((await memberRow(org, id))?.status).toBe('deactivated');
    // Deactivated members stay listed, as such, in the Team tab's data and in SCIM.
    const listed = await scim('GET', `/Users?filter=${encodeURIComponent('active eq false')}`);
    expect(listed.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);

    // Reassigned: the member is back, without Marketo access.
    const on = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(on.status).toBe(200);
    expect((await memberRow(org, id))?.status).toBe('invited');
    dump = await org.dump();
    expect(dump.grants.map((g) => (g as { member_id: string }).member_id)).toEqual(['granted']);

    // Group push: the group, then its members, then a rename, then a member removed, then the group deleted.
    const group = await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Sales EMEA', members: [] });
    expect(group.status).toBe(201);
    const gid = group.body.id as string;
    const add = await scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: id, display: 'ana.lima@okta.example' }, { value: 'granted' }] },
      ],
    });
    expect(add.status).toBe(200);
    expect((await memberRow(org, id))?.teams).toEqual(['Everyone', 'Sales EMEA']);
    const byName = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "sales emea"')}`);
    expect(byName.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);
    expect(byName.body.Resources[0].members.map((m: { value: string }) => m.value).sort()).toEqual(
      [id, 'granted'].sort(),
    );
    const renamed = await scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { id: gid, displayName: 'Sales Europe' } }],
    });
    expect(renamed.status).toBe(200);
    expect((await memberRow(org, id))?.teams).toEqual(['Everyone', 'Sales Europe']);
    const removed = await scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
    });
    expect(removed.status).toBe(200);
    expect((await memberRow(org, id))?.teams).toEqual(['Everyone']);
    expect((await memberRow(org, 'granted'))?.teams).toEqual(['Everyone', 'Sales Europe']);
    expect((await scim('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect((await memberRow(org, 'granted'))?.teams).toEqual(['Everyone']);
    expect((await scim('GET', `/Groups/${gid}`)).status).toBe(404);

    // Every change is in the Activity log, with the token's name as the actor.
    expect(await activityLines(org)).toEqual(
      expect.arrayContaining([
        'Olivia Owner | Created the SCIM token “Okta”',
        'Okta | Invited Ana Lima (ana.lima@okta.example)',
        'Okta | Changed Ana Lima-Souza: role user, teams Everyone',
        'Okta | Removed Ana Lima-Souza’s Marketo access',
        'Okta | Deactivated Ana Lima-Souza: no Marketo access, seat freed',
        'Okta | Reactivated Ana Lima-Souza (Marketo access is granted again separately)',
        'Okta | Created the team “Sales EMEA”',
        'Okta | Renamed the team “Sales EMEA” to “Sales Europe”',
        'Okta | Removed the team “Sales Europe”',
      ]),
    );
  });
});

describe('Microsoft Entra ID', () => {
  it('provisions, matches, updates, disables, enables and deletes a user, and manages a group’s members', async () => {
    const org = await directoryOrg(server, {
      name: 'Entra Co',
      ownerEmail: 'owner@entra.example',
      tokenName: 'Entra ID',
    });
    const { scim } = org;
    // Entra's test of the connection: a filter on a random userName.
    const probe = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "non-existent user 2a3d9a6c"')}`);
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ schemas: [LIST], totalResults: 0, Resources: [] });

    const create = {
      schemas: [USER, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee@entra.example',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@entra.example' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      [ENTERPRISE]: { department: 'Sales', employeeNumber: '701984', manager: { value: '123' } },
    };
    const created = await scim('POST', '/Users', create);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName: 'test_user_ab6490ee@entra.example', active: true });
    expect((await scim('POST', '/Users', create)).body).toMatchObject({ status: '409', scimType: 'uniqueness' });

    // Matching by the attribute Entra maps (userName), and by externalId.
    const byUserName = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "Test_User_ab6490ee@entra.example"')}`,
    );
    expect(byUserName.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    const byExternal = await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${create.externalId}"`)}`);
    expect(byExternal.body.totalResults).toBe(1);

    // Entra's update: operation names capitalised, a filtered path, the enterprise extension.
    const update = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'updatedEmail@entra.example' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Field Sales' },
      ],
    });
    expect(update.status).toBe(200);
    expect((await memberRow(org, id))?.name).toBe('givenName updatedFamilyName');

    // Disable: `active` as the text "False".
    const disabled = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect((await memberRow(org, id))?.status).toBe('deactivated');
    const enabled = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(enabled.body.active).toBe(true);

    // Paging: Entra reads the list a page at a time.
    for (const n of [1, 2, 3])
      expect(
        (
          await scim('POST', '/Users', {
            schemas: [USER],
            userName: `paged-${n}@entra.example`,
            name: { givenName: 'Paged', familyName: `Person${n}` },
            active: true,
          })
        ).status,
      ).toBe(201);
    const page = await scim('GET', '/Users?startIndex=3&count=2');
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 3, itemsPerPage: 2 });
    expect(page.body.Resources).toHaveLength(2);
    const last = await scim('GET', '/Users?startIndex=5&count=2');
    expect(last.body.Resources).toHaveLength(1);
    const past = await scim('GET', '/Users?startIndex=6&count=2');
    expect(past.body).toMatchObject({ totalResults: 5, startIndex: 6, Resources: [] });

    // Groups: create, find without members, add and remove a member by value, rename, delete.
    const group = await scim('POST', '/Groups', {
      schemas: [GROUP],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName_4e6f',
      meta: { resourceType: 'Group' },
    });
    expect(group.status).toBe(201);
    const gid = group.body.id as string;
    const found = await scim(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "displayName_4e6f"')}`,
    );
    expect(found.body.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    expect(found.body.Resources[0].id).toBe(gid);
    expect((await scim('GET', `/Groups/${gid}?excludedAttributes=members`)).status).toBe(200);
    const add = await scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }],
    });
    expect([200, 204]).toContain(add.status);
    expect((await memberRow(org, id))?.teams).toEqual(['Everyone', 'displayName_4e6f']);
    const remove = await scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] }],
    });
    expect([200, 204]).toContain(remove.status);
    expect((await memberRow(org, id))?.teams).toEqual(['Everyone']);
    const rename = await scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'displayName', value: 'Sales Renamed' }],
    });
    expect(rename.status).toBe(200);
    expect(rename.body.displayName).toBe('Sales Renamed');
    expect((await scim('DELETE', `/Groups/${gid}`)).status).toBe(204);

    // Delete (about 30 days after a disable): the member is gone; a second delete is a 404.
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204);
    expect(await memberRow(org, id)).toBeUndefined();
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404);
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(404);

    const lines = await activityLines(org);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Entra ID | Invited givenName familyName (test_user_ab6490ee@entra.example)',
        'Entra ID | Deactivated givenName updatedFamilyName: no Marketo access, seat freed',
        'Entra ID | Removed givenName updatedFamilyName from the org',
      ]),
    );
  });
});

describe('what SCIM clients read first', () => {
  it('answers ServiceProviderConfig, Schemas and ResourceTypes, and only with a token', async () => {
    const org = await directoryOrg(server, { name: 'Discovery Co', ownerEmail: 'owner@discovery.example' });
    const config = await org.scim('GET', '/ServiceProviderConfig');
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 100 },
      bulk: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const schemas = await org.scim('GET', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([USER, GROUP, ENTERPRISE]),
    );
    const types = await org.scim('GET', '/ResourceTypes');
    expect(types.body.Resources.map((t: { endpoint: string }) => t.endpoint).sort()).toEqual(['/Groups', '/Users']);
    expect((await org.scim('GET', `/Schemas/${USER}`)).body.id).toBe(USER);

    for (const token of [undefined, 'mascim_not-a-token', `${org.secret}x`]) {
      const refused = await scimClient(server.url, token)('GET', '/ServiceProviderConfig');
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ schemas: [ERROR], status: '401' });
    }
  });
});
