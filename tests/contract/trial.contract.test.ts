import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CommandName } from '../../lib/features/registry.ts';
import { aTrialBackend } from '../fixtures/worker-harness.ts';
import { rawDump, dumpText } from '../resilience/support.ts';
import { authorizationContract, CONNECT_INPUT, type ContractBackend, type Run } from './contract.ts';

beforeEach(() => fakeBrowser.reset());

/** The org in this browser's IndexedDB; "signing in as" someone is this browser's session record. */
async function trialBackend(): Promise<ContractBackend> {
  const { db, clock, backend } = await aTrialBackend();
  const asSession =
    (memberId: string | undefined): Run =>
    async (name: CommandName, input: unknown) => {
      if (memberId === undefined) await db.delete('session', 'signed-in');
      else await db.put('session', { memberId }, 'signed-in');
      return backend.run(name, input);
    };
  const first = await backend.run('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
  if (!first.ok) throw new Error(first.problem.message);
  return {
    owner: asSession(first.value.id),
    signedOut: asSession(undefined),
    memberByEmail: async (email) => asSession((await db.getFromIndex('members', 'by-email', email))?.id ?? 'nobody'),
    advance: (ms) => void clock.advance(ms),
    dump: async () => {
      const { stores } = await rawDump(db);
      // Who is signed in here is the caller, not the org.
      delete stores.session;
      return dumpText({ stores });
    },
    close: async () => db.close(),
    connectInput: CONNECT_INPUT,
  };
}

authorizationContract('trial backend (IndexedDB)', trialBackend, { inBrowser: true });
