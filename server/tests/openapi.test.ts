import { randomBytes } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, type CommandName } from '../../lib/features/registry.ts';
import { startTestIdp } from '../../tests/doubles/oidc-provider.ts';
import { anOrgFile } from '../../tests/fixtures/org-file.ts';
import { AUTH_ROUTES } from '../auth/auth-routes.ts';
import { hashToken } from '../claim/owner-claim.ts';
import { openApiDocument } from '../openapi/document.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { checkAnswer, checkedAnswers } from '../testing/conformance.ts';
import { callCommand, httpRequest, type Answer } from '../testing/http.ts';

const document = openApiDocument();
const TEAM_SERVER_COMMANDS = (Object.keys(COMMANDS) as CommandName[]).filter(
  (name) => COMMANDS[name].where !== 'trial',
);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
  });

  it('has one operation per command a team server runs, and none for trial-only ones', () => {
    const commandPaths = Object.keys(document.paths).filter((path) => path.startsWith('/api/commands/'));
    expect(commandPaths.sort()).toEqual(TEAM_SERVER_COMMANDS.map((name) => `/api/commands/${name}`).sort());
    for (const name of TEAM_SERVER_COMMANDS) {
      const operation = document.paths[`/api/commands/${name}`]!.post!;
      const keyHeader = (operation.parameters as { name: string; required: boolean }[]).find(
        (p) => p.name === 'Idempotency-Key',
      );
      expect(keyHeader?.required ?? false, `${name}: Idempotency-Key`).toBe(COMMANDS[name].writes);
      expect('401' in operation.responses, `${name}: 401`).toBe(COMMANDS[name].who !== 'anyone');
    }
  });

  it('has the session, change feed, probes and every better-auth route the server lets through', () => {
    for (const path of ['/api/session', '/api/changes', '/livez', '/readyz', '/healthz', '/claim'])
      expect(document.paths[path]?.get, path).toBeDefined();
    for (const route of AUTH_ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      expect(document.paths[`/api/auth${path}`]?.[method.toLowerCase() as 'get' | 'post'], route).toBeDefined();
    }
  });

  it('says a refusal code only under the status the server answers it with', () => {
    const refusal = (status: number) =>
      (document.components.schemas as Record<string, { properties: { error: { properties: { code: unknown } } } }>)[
        `Refused${status}`
      ]!.properties.error.properties.code;
    expect(refusal(401)).toEqual({ type: 'string', enum: ['not-signed-in'] });
    expect(JSON.stringify(refusal(409))).toContain('seats-full');
    expect(JSON.stringify(refusal(403))).not.toContain('seats-full');
  });
});

describe('the server against its document', () => {
  let b: ContractBackend;
  let tokens: Record<'owner' | 'rep', string>;
  const call = (name: CommandName, input: unknown, token?: string): Promise<Answer> =>
    callCommand(b.server.url, name, input, token ? { token } : {});
  const get = (path: string, token?: string) =>
    httpRequest(`${b.server.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    checkedAnswers.clear();
    b = await startContractBackend({ connected: true });
    tokens = { owner: await b.server.signIn(b.members.owner.email), rep: await b.server.signIn(b.members.rep.email) };
  });
  afterAll(() => b?.close());

  it('serves the document at /api/openapi.json and a reference page at /api/docs', async () => {
    const json = await get('/api/openapi.json');
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toEqual(JSON.parse(JSON.stringify(document)));
    // Readable by anyone (shapes, no data), from no page origin.
    const fromPage = await httpRequest(`${b.server.url}/api/openapi.json`, {
      headers: { origin: 'https://evil.test' },
    });
    expect(fromPage.status).toBe(403);

    const page = await get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).not.toMatch(/<script/i);
    for (const name of TEAM_SERVER_COMMANDS) expect(page.text).toContain(`POST /api/commands/${name}</code>`);
    // Text from the document is escaped: the JSON of a schema shows its quotes as entities.
    expect(page.text).toContain('&quot;additionalProperties&quot;: false');
  });

  it('answers every command, success and refusal, as the document says', async () => {
    const { owner, rep } = tokens;
    const workspaces = (await call('refreshWorkspaces', {}, owner)).body.value.workspaces as { id: number }[];
    const workspace = workspaces.at(-1)!.id;
    const ok = async (name: CommandName, input: unknown, token?: string) => {
      const answer = await call(name, input, token);
      expect(answer.body, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: true });
      return answer.body.value;
    };
    await ok('getState', {}, owner);
    await ok('getState', {});
    await ok('previewAs', { memberId: b.members.rep.id }, owner);
    await ok('getActivity', {}, owner);
    const invited = await ok('inviteMember', { name: 'Nina New', email: 'nina@example.com' }, owner);
    await ok(
      'inviteMembers',
      {
        rows: [
          { name: 'Omar Other', email: 'omar@example.com', teams: ['East'] },
          { name: '', email: 'x' },
        ],
      },
      owner,
    );
    await ok('updateMember', { memberId: invited.id, teams: ['West'] }, owner);
    await ok('grantAccess', { memberIds: [b.members.rep.id], workspaceIds: [workspace] }, owner);
    await ok('changeWorkspaces', { memberIds: [b.members.rep.id], workspaceIds: [] }, owner);
    await ok('removeAccess', { memberIds: [b.members.rep.id] }, owner);
    await ok('removeMember', { memberId: invited.id }, owner);
    const scimToken = await ok('createDirectoryToken', { name: 'Okta' }, owner);
    await ok('listDirectoryTokens', {}, owner);
    await ok('revokeDirectoryToken', { tokenId: scimToken.token.id }, owner);
    await ok('disconnectOrg', {}, owner);
    await ok('connectOrg', b.marketo, owner);
    const token = randomBytes(32).toString('base64url');
    await b.server.db
      .insertInto('owner_claims')
      .values({ token_hash: hashToken(token), created_at: b.server.clock.now(), used_at: null })
      .execute();
    await ok('claimOrg', { token, orgName: 'Second Org', name: 'Sam Second', email: 'sam@example.com' });
    await ok('exportOrg', {}, owner);
    // An org file of people this server does not have yet, imported with a one-time owner link of its own.
    const importToken = randomBytes(32).toString('base64url');
    await b.server.db
      .insertInto('owner_claims')
      .values({ token_hash: hashToken(importToken), created_at: b.server.clock.now(), used_at: null })
      .execute();
    const sample = anOrgFile();
    const file = { ...sample, members: sample.members.map((m) => ({ ...m, email: `${m.id}.moved@example.com` })) };
    await ok('importOrg', { token: importToken, orgName: 'Moved Org', file });
    // The company sign-in, with a real OpenID provider on loopback (the sign-in itself: sso.test.ts).
    const idp = await startTestIdp({ redirectUris: ['http://localhost/api/sso/callback'] });
    try {
      const { issuer, clientId, clientSecret } = idp;
      await ok(
        'setIdentityProvider',
        { name: 'Okta', issuer, clientId, clientSecret, domains: ['example.com'] },
        owner,
      );
      await ok('getIdentitySettings', {}, owner);
      await ok('setLoginPolicy', { policy: 'codes-and-passkeys' }, owner);
      await ok('removeIdentityProvider', {}, owner);
    } finally {
      await idp.close();
    }

    // Refusals: signed out, not an admin, a rule, a bad input, a reused claim link, no Idempotency-Key.
    expect((await call('getActivity', {})).status).toBe(401);
    expect((await call('grantAccess', { memberIds: ['owner'], workspaceIds: [] }, rep)).status).toBe(403);
    expect((await call('removeMember', { memberId: 'owner' }, owner)).status).toBe(409);
    expect((await call('getState', { extra: true }, owner)).status).toBe(400);
    expect((await call('claimOrg', { token, orgName: 'Third', name: 'Tess', email: 'tess@example.com' })).status).toBe(
      403,
    );
    expect((await call('importOrg', { token: importToken, file })).status).toBe(403);
    expect(
      (
        await callCommand(
          b.server.url,
          'inviteMember',
          { name: 'A', email: 'a@example.com' },
          { token: owner, key: null },
        )
      ).status,
    ).toBe(400);
    for (const name of TEAM_SERVER_COMMANDS) {
      if (COMMANDS[name].who === 'anyone' && name !== 'claimOrg') continue;
      await call(name, {});
    }

    for (const name of TEAM_SERVER_COMMANDS) {
      const seen = [...checkedAnswers].filter((answer) => answer.startsWith(`POST /api/commands/${name} `));
      // The directory's commands succeed only over SCIM (/scim/v2, server/tests/scim-*.test.ts): here, refused.
      if (COMMANDS[name].who === 'directory') {
        await call(name, {}, owner);
        expect(
          [...checkedAnswers].some((answer) => new RegExp(`^POST /api/commands/${name} 4\\d\\d$`).test(answer)),
          name,
        ).toBe(true);
        continue;
      }
      expect(seen, name).toContain(`POST /api/commands/${name} 200`);
      expect(
        seen.some((answer) => / 4\d\d$/.test(answer)),
        `${name} refused`,
      ).toBe(true);
    }
  });

  it('answers the session, change feed, probes and sign-in as the document says', async () => {
    expect((await get('/api/session', tokens.owner)).status).toBe(200);
    expect((await get('/api/session')).status).toBe(401);
    expect((await get('/api/changes')).status).toBe(401);
    for (const probe of ['/livez', '/readyz', '/healthz']) expect((await get(probe)).status).toBe(200);
    expect((await get('/claim')).status).toBe(200);
    for (const seen of [
      'GET /api/session 200',
      'GET /api/session 401',
      'GET /api/changes 401',
      'GET /livez 200',
      'GET /readyz 200',
      'GET /healthz 200',
      'GET /claim 200',
      'POST /api/auth/email-otp/send-verification-otp 200',
      'POST /api/auth/sign-in/email-otp 200',
    ])
      expect(checkedAnswers).toContain(seen);
  });

  it('is a check that fails on an answer the document does not allow', () => {
    const url = `${b.server.url}/api/commands/getActivity`;
    const answer = { method: 'POST', url, contentType: 'application/json' };
    expect(() =>
      checkAnswer({ ...answer, status: 200, text: '{"ok":true,"value":[{"kind":"no-such-kind"}]}' }),
    ).toThrow(/does not match the document/);
    expect(() =>
      checkAnswer({ ...answer, status: 401, text: '{"ok":false,"error":{"code":"seats-full","message":"x"}}' }),
    ).toThrow(/does not match/);
    expect(() => checkAnswer({ ...answer, status: 418, text: '{}' })).toThrow(/not a status the document lists/);
    expect(() => checkAnswer({ ...answer, status: 200, contentType: 'text/html', text: '' })).toThrow(/text\/html/);
  });
});
