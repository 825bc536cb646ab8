import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';

let t: ContractBackend;
beforeAll(async () => {
  t = await startContractBackend({ connected: true });
});
afterAll(() => t.close());

describe('the contract backend', () => {
  it('calls as each kind of caller, and dumps the org as stored', async () => {
    const me = async (kind: keyof ContractBackend['callers']) => {
      const answer = await t.callers[kind]('getState', {});
      return answer.ok ? (answer.value as { me?: { id: string } }).me?.id : answer.error.code;
    };
    expect([await me('signed-out'), await me('rep'), await me('admin'), await me('owner')]).toEqual([
      undefined,
      'rep',
      'admin',
      'owner',
    ]);
    expect(await t.callers.rep('getActivity', {})).toMatchObject({ ok: false, error: { code: 'not-admin' } });
    expect(await t.callers.admin('disconnectOrg', {})).toMatchObject({ ok: false, error: { code: 'not-owner' } });
    const dump = await t.dump();
    expect(dump.members).toHaveLength(3);
    expect(dump.connection).toMatchObject({ status: 'connected', connection: { ownerId: 'owner' } });
    expect(dump.secret).toMatchObject({ v: 1, alg: 'A256GCM' });
    expect(JSON.stringify(dump)).not.toContain(t.marketo.clientSecret);
  });

  it('a connected org refreshes its workspaces against its sandbox, as the owner', async () => {
    expect(await t.callers.owner('refreshWorkspaces', {})).toMatchObject({ ok: true });
  });
});
