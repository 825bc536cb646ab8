import { startContractBackend, toResult, type ContractOptions } from '../../server/testing/contract-backend.ts';
import { dumpOrg } from '../../server/testing/dump.ts';
import { callCommand } from '../../server/testing/http.ts';
import { seedOrg } from '../../server/testing/seed.ts';
import type { CommandName } from '../../lib/features/registry.ts';
import { aMember } from '../fixtures/domain.ts';
import type { ContractBackend, Run } from './contract.ts';

/**
 * The team server behind its HTTP API: each caller signs in through the real
 * emailed-code flow, for their membership of the org at hand, and sends a
 * bearer token; the dump is every row of the org.
 * `options` picks its database (for example through a pooler).
 */
export async function serverBackend(options: ContractOptions = {}): Promise<ContractBackend> {
  const started = await startContractBackend({ connected: false, ...options });
  const { server } = started;
  const bearer = (token: string) => async (name: string, input: unknown) =>
    (await callCommand(server.url, name, input, { token })).body as Parameters<typeof toResult>[0];
  const asToken =
    (token: string | undefined): Run =>
    async (name: CommandName, input: unknown) =>
      toResult(await (token === undefined ? started.callers['signed-out'] : bearer(token))(name, input));
  return {
    owner: async (name, input) => toResult(await started.callers.owner(name, input)),
    signedOut: asToken(undefined),
    memberByEmail: async (email) => asToken(await server.signIn(email, started.orgId)),
    advance: (ms) => server.clock.advance(ms),
    dump: async () => JSON.stringify(await started.dump()),
    close: () => started.close(),
    connectInput: started.marketo,
    otherOrg: async () => {
      const now = server.clock.now();
      // The same member id as the first org's owner: a lookup that forgot the org would find the wrong one.
      const owner = aMember({
        id: 'owner',
        name: 'Bo Owner',
        email: 'bo@example.org',
        role: 'admin',
        status: 'active',
      });
      const orgId = await seedOrg(server.db, { name: 'Bravo', members: [owner] }, now);
      const ownerToken = await server.signIn(owner.email, orgId);
      return {
        owner: asToken(ownerToken),
        memberByEmail: async (email) => asToken(await server.signIn(email, orgId)),
        dump: async () => JSON.stringify(await dumpOrg(server.db, orgId)),
      };
    },
  };
}
