// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { useLocaleInNode } from './i18n-in-node.ts';
import { issueClaimIfEmpty } from '../../server/claim/owner-claim.ts';
import { toResult, type WireResult } from '../../server/testing/contract-backend.ts';
import { callCommand, httpRequest } from '../../server/testing/http.ts';
import { startTestServer } from '../../server/testing/start-test-server.ts';
import { startSandbox } from '../sandbox/server.ts';
import { activityTable, type ActivityBackend } from './activity.ts';
import type { Run } from './contract.ts';

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
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

activityTable('team server (HTTP, PostgreSQL)', serverBackend, useLocaleInNode);
