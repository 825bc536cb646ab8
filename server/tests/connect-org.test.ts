import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../tests/sandbox/server.ts';
import { WAITING_PERIOD_MS } from '../../lib/domain/waiting-period.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { callCommand } from '../testing/http.ts';
import { createVault } from '../vault/vault.ts';

let sandbox: Sandbox;
let t: ContractBackend;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, latencyMs: 0 });
  t = await startContractBackend({ connected: false });
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});

const connectInput = () => ({
  ...sandbox.credentials,
  restBaseUrl: sandbox.restUrl,
  identityBaseUrl: sandbox.identityUrl,
});
const tokenOf = async (email: string) => t.server.signIn(email);

describe('connectOrg through HTTP against the Marketo sandbox', () => {
  it('connects, keeps the client secret only sealed, and starts the waiting period on the server clock', async () => {
    const owner = await tokenOf('owner@example.com');
    const answer = await callCommand(t.server.url, 'connectOrg', connectInput(), { token: owner });
    expect(answer.status).toBe(200);
    expect(answer.body.value).toMatchObject({
      munchkinId: '123-ABC-456',
      ownerId: 'owner',
      workspacesEnabled: true,
      connectedAt: t.server.clock.now(),
    });
    expect(answer.body.value.workspaces.length).toBeGreaterThan(1);
    expect(JSON.stringify(answer.body)).not.toContain(sandbox.credentials.clientSecret);

    const row = await t.server.db
      .selectFrom('org_secret')
      .select('sealed')
      .where('org_id', '=', t.orgId)
      .executeTakeFirstOrThrow();
    const raw = JSON.stringify(row.sealed);
    expect(raw).not.toContain(sandbox.credentials.clientSecret);
    expect(row.sealed).toMatchObject({ v: 1, alg: 'A256GCM' });
    // Only the server's key opens it.
    expect(await createVault(t.server.vaultKey).unseal(row.sealed)).toBe(sandbox.credentials.clientSecret);
    expect(await createVault(Buffer.alloc(32, 7)).unseal(row.sealed)).toBeUndefined();
    expect(JSON.stringify(await t.dump())).not.toContain(sandbox.credentials.clientSecret);

    // The waiting period runs on the injected clock: a grant now is skipped, ten minutes later it applies.
    const admin = await tokenOf('admin@example.com');
    const early = await callCommand(
      t.server.url,
      'grantAccess',
      { memberIds: ['rep'], workspaceIds: [] },
      { token: admin },
    );
    expect(early.body.value.entries[0]).toMatchObject({ outcome: 'skip', reason: 'waiting-period' });
    t.server.clock.advance(WAITING_PERIOD_MS);
    const later = await callCommand(
      t.server.url,
      'grantAccess',
      { memberIds: ['rep'], workspaceIds: [] },
      { token: admin },
    );
    expect(later.body.value.granted).toBe(1);

    // The stored secret is what refreshWorkspaces unseals to ask Marketo again.
    const refreshed = await callCommand(t.server.url, 'refreshWorkspaces', {}, { token: admin });
    expect(refreshed.status).toBe(200);
  });

  it('answers a Marketo refusal as a 409 and stores nothing', async () => {
    const owner = await tokenOf('owner@example.com');
    const before = await t.dump();
    const answer = await callCommand(
      t.server.url,
      'connectOrg',
      { ...connectInput(), clientSecret: 'WrongSecret' },
      { token: owner },
    );
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('bad-credentials');
    expect(await t.dump()).toEqual(before);
  });

  it('a rep is refused before Marketo is asked', async () => {
    const calls = sandbox.stats().tokenRequests;
    const rep = await tokenOf('rep@example.com');
    const answer = await callCommand(t.server.url, 'connectOrg', connectInput(), { token: rep });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('not-admin');
    expect(sandbox.stats().tokenRequests).toBe(calls);
  });
});
