// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { useLocaleInNode } from './i18n-in-node.ts';
import { issueClaimIfEmpty } from '../../server/claim/owner-claim.ts';
import { toResult, type WireResult } from '../../server/testing/contract-backend.ts';
import { callCommand, httpRequest } from '../../server/testing/http.ts';
import { scimClient } from '../../server/testing/scim.ts';
import { startTestServer } from '../../server/testing/start-test-server.ts';
import { startSandbox } from '../sandbox/server.ts';
import { activityTable, type ActivityBackend } from './activity.ts';
import type { Run } from './contract.ts';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A team server whose org is made as in production: the claim link, then the first admin's emailed code. */
async function serverBackend(): Promise<ActivityBackend> {
  const sandbox = await startSandbox({ port: 0, latencyMs: 0 });
  const server = await startTestServer();
  const close = async () => {
    await server.close();
    await sandbox.close();
  };
  try {
    const token = await issueClaimIfEmpty(server.db, server.clock.now());
    const claimed = await httpRequest(`${server.url}/api/commands/claimOrg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ token, orgName: 'Acme', name: 'Olivia Owner', email: 'olivia@example.com' }),
    });
    if (claimed.status !== 200) throw new Error(`The claim failed: ${claimed.text}`);
    const as =
      (bearer: string): Run =>
      async (name, input) =>
        toResult((await callCommand(server.url, name, input, { token: bearer })).body as WireResult);
    return {
      owner: as(await server.signIn('olivia@example.com')),
      orgName: 'Acme',
      signIn: async (email) => as(await server.signIn(email)),
      advance: (ms) => server.clock.advance(ms),
      connectInput: { ...sandbox.credentials, restBaseUrl: sandbox.restUrl, identityBaseUrl: sandbox.identityUrl },
      directory: async (owner) => {
        const made = await owner('createDirectoryToken', { name: 'Okta' });
        if (!made.ok) throw new Error(`createDirectoryToken: ${made.problem.message}`);
        const { secret, token: madeToken } = made.value as { secret: string; token: { id: string } };
        const scim = scimClient(server.url, secret);
        const sent = async (method: string, path: string, body?: unknown) => {
          const answer = await scim(method, path, body);
          if (answer.status >= 300)
            throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
          return answer.body as { id: string };
        };
        const turn = (active: boolean) => ({
          schemas: [PATCH],
          Operations: [{ op: 'replace', path: 'active', value: active }],
        });
        const dana = await sent('POST', '/Users', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'dana@example.com',
          name: { givenName: 'Dana', familyName: 'Directory' },
          active: true,
        });
        await sent('PATCH', `/Users/${dana.id}`, turn(false));
        await sent('PATCH', `/Users/${dana.id}`, turn(true));
        const field = await sent('POST', '/Groups', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: 'Field',
          members: [{ value: dana.id }],
        });
        await sent('PATCH', `/Groups/${field.id}`, {
          schemas: [PATCH],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Field Sales' }],
        });
        await sent('DELETE', `/Groups/${field.id}`);
        await sent('DELETE', `/Users/${dana.id}`);
        const revoked = await owner('revokeDirectoryToken', { tokenId: madeToken.id });
        if (!revoked.ok) throw new Error(`revokeDirectoryToken: ${revoked.problem.message}`);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

activityTable('team server (HTTP, PostgreSQL)', serverBackend, useLocaleInNode);
