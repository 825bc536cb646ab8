import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { callCommand } from '../testing/http.ts';
import { directoryOrg, reps, scimClient, type DirectoryOrg } from '../testing/scim.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const off = { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] };
const aUser = (email: string) => ({
  schemas: [USER],
  userName: email,
  name: { givenName: 'New', familyName: 'Person' },
  active: true,
});

describe("a token of one org and another org's people", () => {
  let a: DirectoryOrg;
  let b: DirectoryOrg;
  beforeAll(async () => {
    a = await directoryOrg(server, {
      name: 'Alpha',
      ownerId: 'a-owner',
      ownerEmail: 'owner@alpha.example',
      members: [aMember({ id: 'a-rep', email: 'rep@alpha.example', status: 'active' })],
    });
    b = await directoryOrg(server, { name: 'Bravo', ownerEmail: 'owner@bravo.example', tokenName: 'Bravo Okta' });
    // A team of A's, managed by A's directory.
    const group = await a.scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Alpha Sales',
      members: [{ value: 'a-rep' }],
    });
    expect(group.status).toBe(201);
  });

  it('answers 404 for every id of the other org, reveals nothing and changes nothing', async () => {
    const groups = await a.scim('GET', '/Groups');
    const gid = groups.body.Resources[0].id as string;
    await b.scim('GET', '/Users'); // B's token's last use is written once a minute: not during what follows.
    const before = await a.dump();
    const ids = ['a-rep', 'a-owner'];
    const answers = [];
    for (const id of ids) {
      answers.push(await b.scim('GET', `/Users/${id}`));
      answers.push(await b.scim('PUT', `/Users/${id}`, aUser('rep@alpha.example')));
      answers.push(await b.scim('PATCH', `/Users/${id}`, off));
      answers.push(await b.scim('DELETE', `/Users/${id}`));
    }
    answers.push(await b.scim('GET', `/Groups/${gid}`));
    answers.push(
      await b.scim('PATCH', `/Groups/${gid}`, {
        schemas: [PATCH],
        Operations: [{ op: 'add', path: 'members', value: [{ value: 'a-rep' }] }],
      }),
    );
    answers.push(await b.scim('PUT', `/Groups/${gid}`, { schemas: [GROUP], displayName: 'Taken', members: [] }));
    answers.push(await b.scim('DELETE', `/Groups/${gid}`));
    expect(answers.map((x) => x.status)).toEqual(answers.map(() => 404));
    // Lists and filters of B hold only B.
    const list = await b.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "rep@alpha.example"')}`);
    expect(list.body.totalResults).toBe(0);
    const all = await b.scim('GET', '/Users');
    expect(all.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['owner@bravo.example']);
    expect((await b.scim('GET', '/Groups')).body.totalResults).toBe(0);
    // B's group naming A's member: a bad value, not a member of A taken in.
    const taking = await b.scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Takers',
      members: [{ value: 'a-rep' }],
    });
    expect(taking.status).toBe(400);
    expect(await a.dump()).toEqual(before);
    expect(JSON.stringify([...answers, list, all].map((x) => x.body))).not.toContain('alpha');
  });

  it('a revoked token is refused at once, and the list shows when each token was last used', async () => {
    const made = await callCommand(server.url, 'createDirectoryToken', { name: 'Spare' }, { token: a.owner });
    const spare = scimClient(server.url, made.body.value.secret);
    expect((await spare('GET', '/Users')).status).toBe(200);
    // A read of the org at this version is kept by the process first: the token list is still read from the database.
    expect((await callCommand(server.url, 'getState', {}, { token: a.owner })).status).toBe(200);
    const listed = await callCommand(server.url, 'listDirectoryTokens', {}, { token: a.owner });
    const tokens = listed.body.value.tokens as { id: string; name: string; lastUsedAt?: number }[];
    expect(tokens.map((t) => t.name).sort()).toEqual(['Okta', 'Spare']);
    expect(tokens.find((t) => t.name === 'Spare')?.lastUsedAt).toBe(server.clock.now());
    // The list never carries a secret, nor its hash.
    expect(JSON.stringify(listed.body)).not.toContain(made.body.value.secret);
    expect(JSON.stringify(listed.body)).not.toMatch(/secret|hash/i);
    const revoked = await callCommand(
      server.url,
      'revokeDirectoryToken',
      { tokenId: made.body.value.token.id },
      { token: a.owner },
    );
    expect(revoked.status).toBe(200);
    expect((await spare('GET', '/Users')).status).toBe(401);
    expect((await a.scim('GET', '/Users')).status).toBe(200);
  });
});

describe('seats, teams and the owner', () => {
  it('refuses the 101st active member, with the reason, and changes nothing; a deactivated member frees a seat', async () => {
    // The owner and 99 reps: 100 seats taken.
    const org = await directoryOrg(server, {
      name: 'Full',
      ownerEmail: 'owner@full.example',
      members: reps(99, 'full.example'),
    });
    await org.scim('GET', '/Users?count=1');
    const before = await org.dump();
    const refused = await org.scim('POST', '/Users', aUser('one-more@full.example'));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringMatching(/All 100 seats are taken/),
    });
    expect(await org.dump()).toEqual(before);
    // A deactivated member frees their seat: now there is room, and reactivating the first one is refused.
    expect((await org.scim('PATCH', '/Users/rep-1', off)).status).toBe(200);
    expect((await org.scim('POST', '/Users', aUser('one-more@full.example'))).status).toBe(201);
    const full = await org.dump();
    const back = await org.scim('PATCH', '/Users/rep-1', {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
    expect(back.status).toBe(400);
    expect(back.body.detail).toMatch(/All 100 seats are taken/);
    expect(await org.dump()).toEqual(full);
    // A deactivated person may still be provisioned: they take no seat.
    expect((await org.scim('POST', '/Users', { ...aUser('dormant@full.example'), active: false })).status).toBe(201);
  });

  it('refuses a 21st team with the reason, and changes nothing', async () => {
    const org = await directoryOrg(server, { name: 'Teams', ownerEmail: 'owner@teams.example' });
    // "Everyone" and 19 groups: 20 teams.
    for (let n = 1; n <= 19; n++)
      expect((await org.scim('POST', '/Groups', { schemas: [GROUP], displayName: `Team ${n}` })).status).toBe(201);
    const before = await org.dump();
    const refused = await org.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Team 20' });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/at most 20 teams/);
    const duplicate = await org.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'team 1' });
    expect(duplicate).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect(await org.dump()).toEqual(before);
  });

  it('never deactivates or deletes the owner, whatever the request says', async () => {
    const org = await directoryOrg(server, { name: 'Owned', ownerEmail: 'owner@owned.example' });
    await org.scim('GET', '/Users?count=1');
    const before = await org.dump();
    const attempts = [
      await org.scim('PATCH', '/Users/owner', off),
      await org.scim('PATCH', '/Users/owner', {
        schemas: [PATCH],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      }),
      await org.scim('PATCH', '/Users/owner', {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
      await org.scim('PUT', '/Users/owner', { ...aUser('owner@owned.example'), active: false }),
      await org.scim('DELETE', '/Users/owner'),
    ];
    expect(attempts.map((x) => [x.status, x.body.scimType])).toEqual(attempts.map(() => [400, 'mutability']));
    expect(attempts[0]!.body.detail).toMatch(/cannot be deactivated/);
    expect(await org.dump()).toEqual(before);
  });
});

describe('a member the directory deactivates', () => {
  it('is signed out at once, gets no code, and signs in again once reactivated', async () => {
    const org = await directoryOrg(server, {
      name: 'Sessions',
      ownerEmail: 'owner@sessions.example',
      members: [aMember({ id: 'sid', email: 'sid@sessions.example', status: 'active' })],
    });
    const bearer = await server.signIn('sid@sessions.example');
    const session = () => callCommand(server.url, 'getState', {}, { token: bearer });
    expect((await session()).body.value.me.id).toBe('sid');
    expect((await org.scim('PATCH', '/Users/sid', off)).status).toBe(200);
    // The session ended with the change: the bearer is nobody now.
    expect((await session()).body.value.me).toBeUndefined();
    await expect(server.signIn('sid@sessions.example')).rejects.toThrow();
    expect(
      (
        await org.scim('PATCH', '/Users/sid', {
          schemas: [PATCH],
          Operations: [{ op: 'replace', path: 'active', value: true }],
        })
      ).status,
    ).toBe(200);
    expect(await server.signIn('sid@sessions.example')).toBeTruthy();
  });
});

describe('a session whose member was deactivated before this process heard its end', () => {
  it('speaks for nobody: the caller kept by the process is not the actor', async () => {
    await directoryOrg(server, {
      name: 'Unheard',
      ownerEmail: 'owner@unheard.example',
      members: [aMember({ id: 'uma', email: 'uma@unheard.example', status: 'active' })],
    });
    const bearer = await server.signIn('uma@unheard.example');
    // Kept by the process's caller cache from here on.
    expect((await callCommand(server.url, 'getState', {}, { token: bearer })).body.value.me.id).toBe('uma');
    // Deactivated as another process does it (the status, the version, the member's sessions in one
    // transaction), but the notice of the ended session has not reached this process yet: none is sent.
    await server.db.transaction().execute(async (trx) => {
      const { orgId } = await trx
        .selectFrom('session')
        .select('orgId')
        .where('memberId', '=', 'uma')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('members')
        .set({ status: 'deactivated' })
        .where('org_id', '=', orgId)
        .where('id', '=', 'uma')
        .execute();
      await trx
        .updateTable('orgs')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', orgId)
        .execute();
      await trx.deleteFrom('session').where('orgId', '=', orgId).where('memberId', '=', 'uma').execute();
    });
    expect((await callCommand(server.url, 'getState', {}, { token: bearer })).body.value.me).toBeUndefined();
    const write = await callCommand(
      server.url,
      'updateMember',
      { memberId: 'uma', name: 'Uma Again' },
      { token: bearer },
    );
    expect(write.body.ok).toBe(false);
  });
});

describe('1,000 fuzzed SCIM requests', () => {
  it('answer 4xx or 2xx reads, never 5xx, and change nothing', async () => {
    const org = await directoryOrg(server, {
      name: 'Fuzzed',
      ownerEmail: 'owner@fuzz.example',
      members: [aMember({ id: 'rep', email: 'rep@fuzz.example', status: 'active' })],
    });
    const group = await org.scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Fuzz Team',
      members: [{ value: 'rep' }],
    });
    const gid = group.body.id as string;
    await org.scim('GET', '/Users?count=1');
    const before = await org.dump();

    const id = fc.oneof(fc.constantFrom('owner', 'rep', gid, 'nobody', '', '..', '%00'), fc.string({ maxLength: 40 }));
    const json = fc.jsonValue({ maxDepth: 3 });
    // Values that look like SCIM, yet never a valid new person (no valid email) nor a change the rules accept.
    const scimish = fc.record(
      {
        schemas: fc.oneof(fc.constant([USER]), fc.constant([PATCH]), fc.constant([GROUP]), json),
        userName: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('owner@fuzz.example'), fc.integer()),
        active: fc.oneof(fc.constantFrom('False', 'maybe', 'TRUE '), fc.integer(), json),
        name: fc.oneof(json, fc.record({ givenName: fc.oneof(fc.string(), fc.integer()), familyName: json })),
        displayName: fc.oneof(fc.constant(''), fc.integer(), fc.string({ maxLength: 3000 })),
        members: fc.oneof(json, fc.array(fc.record({ value: fc.oneof(fc.string(), fc.integer()) }), { maxLength: 3 })),
        Operations: fc.oneof(
          json,
          fc.array(
            fc.record(
              {
                op: fc.oneof(fc.constantFrom('Add', 'REMOVE', 'replace', 'frob', ''), json),
                path: fc.oneof(
                  fc.constantFrom(
                    'active',
                    'members',
                    'members[value eq "rep"',
                    'name.givenName',
                    'userName',
                    'emails[type eq "work"].value',
                    'urn:x:y',
                  ),
                  fc.string({ maxLength: 30 }),
                ),
                value: json,
              },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      scimish,
      json,
      fc.string({ maxLength: 200 }),
      fc.constant('{"schemas":'),
      fc.constant(undefined),
    );
    const query = fc.oneof(
      fc.constant(''),
      fc
        .record(
          {
            filter: fc.oneof(
              fc.string({ maxLength: 60 }),
              fc.constantFrom(
                'userName eq',
                'userName eq "a" and (',
                'x eq 1)',
                'members[value eq "rep"]',
                'not (active eq true)',
                'meta.created gt "x"',
                'userName sw 5',
              ),
            ),
            startIndex: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.string({ maxLength: 5 })),
            count: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.string({ maxLength: 5 })),
            attributes: fc.string({ maxLength: 20 }),
            excludedAttributes: fc.string({ maxLength: 20 }),
          },
          { requiredKeys: [] },
        )
        .map((q) => `?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      resource: fc.constantFrom(
        '/Users',
        '/Groups',
        '/Schemas',
        '/ResourceTypes',
        '/ServiceProviderConfig',
        '/Bulk',
        '/Me',
        '',
      ),
      id: fc.option(id, { nil: undefined }),
      query,
      body,
    });

    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ method, resource, id: target, query: q, body: payload }) => {
        // Every fuzzed write is one the rules or SCIM refuse (a valid one would be a change): a user's userName is
        // no email, a group's name no text, a PATCH ends with an unknown operation, and nothing real is deleted.
        let sent: unknown = payload;
        if (sent && typeof sent === 'object' && !Array.isArray(sent)) {
          const fields = sent as Record<string, unknown>;
          if (method === 'POST' || method === 'PUT')
            sent = resource === '/Groups' ? { ...fields, displayName: 42 } : { ...fields, userName: 'not-an-email' };
          if (method === 'PATCH')
            sent = {
              ...fields,
              Operations: [...(Array.isArray(fields.Operations) ? fields.Operations : []), { op: 'frob', path: 'x' }],
            };
        }
        const aimed = method === 'DELETE' && (target === 'rep' || target === gid) ? 'nobody' : target;
        const path = `${resource}${aimed === undefined ? '' : `/${encodeURIComponent(aimed)}`}${q}`;
        const answer = await org.scim(method, path, method === 'GET' || method === 'DELETE' ? undefined : sent);
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        expect(
          answer.status,
          `${method} ${path} ${JSON.stringify(sent)?.slice(0, 300)} → ${JSON.stringify(answer.body)?.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (method !== 'GET') expect(answer.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 1_000, seed: 17 },
    );
    expect(await org.dump()).toEqual(before);
    // The run reached the rules and scimmy's parsers, not only the router.
    expect([...seen.keys()].filter((s) => s >= 400).length).toBeGreaterThan(2);
  }, 120_000);
});
