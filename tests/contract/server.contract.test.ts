// @vitest-environment node
import { startContractBackend, toResult } from '../../server/testing/contract-backend.ts';
import type { CommandName } from '../../lib/features/registry.ts';
import { authorizationContract, type ContractBackend, type Run } from './contract.ts';

/**
 * The team server behind its HTTP API: each caller signs in through the real
 * emailed-code flow and sends a bearer token; the dump is every row of the org.
 */
async function serverBackend(): Promise<ContractBackend> {
  const started = await startContractBackend({ connected: false });
  const { server } = started;
  const asToken =
    (token: string | undefined): Run =>
    async (name: CommandName, input: unknown) =>
      toResult(await (token === undefined ? started.callers['signed-out'] : bearer(token))(name, input));
  const bearer = (token: string) => async (name: string, input: unknown) => {
    const { callCommand } = await import('../../server/testing/http.ts');
    return (await callCommand(server.url, name, input, { token })).body as Parameters<typeof toResult>[0];
  };
  return {
    owner: async (name, input) => toResult(await started.callers.owner(name, input)),
    signedOut: asToken(undefined),
    memberByEmail: async (email) => asToken(await server.signIn(email)),
    advance: (ms) => server.clock.advance(ms),
    dump: async () => JSON.stringify(await started.dump()),
    close: () => started.close(),
    connectInput: started.marketo,
  };
}

authorizationContract('team server (HTTP, PostgreSQL)', serverBackend, { inBrowser: false });
