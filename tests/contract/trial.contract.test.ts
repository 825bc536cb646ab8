import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CommandName } from '../../lib/features/registry.ts';
import { aTrialBackend } from '../fixtures/worker-harness.ts';
import { rawDump, dumpText } from '../resilience/support.ts';
import { authorizationContract, CONNECT_INPUT, type ContractBackend, type Run } from './contract.ts';

beforeEach(() => fakeBrowser.reset());

/** An org in one browser's IndexedDB; "signing in as" someone is that browser's session record. */
async function trialOrg(owner: { name: string; email: string }) {
  const { db, clock, backend } = await aTrialBackend();
  const asSession =
    (memberId: string | undefined): Run =>
    async (name: CommandName, input: unknown) => {
      if (memberId === undefined) await db.delete('session', 'signed-in');
      else await db.put('session', { memberId }, 'signed-in');
      return backend.run(name, input);
    };
  const first = await backend.run('signIn', owner);
  if (!first.ok) throw new Error(first.problem.message);
  return {
    db,
    clock,
    owner: asSession(first.value.id),
    signedOut: asSession(undefined),
    memberByEmail: async (email: string) =>
      asSession((await db.getFromIndex('members', 'by-email', email))?.id ?? 'nobody'),
    dump: async () => {
      const { stores } = await rawDump(db);
      // Who is signed in here is the caller, not the org.
      delete stores.session;
      return dumpText({ stores });
    },
  };
}

async function trialBackend(): Promise<ContractBackend> {
  const org = await trialOrg({ name: 'Olivia Owner', email: 'olivia@example.com' });
  const others: { db: { close(): void } }[] = [];
  return {
    owner: org.owner,
    signedOut: org.signedOut,
    memberByEmail: org.memberByEmail,
    advance: (ms) => void org.clock.advance(ms),
    dump: org.dump,
    close: async () => {
      org.db.close();
      for (const other of others) other.db.close();
    },
    connectInput: CONNECT_INPUT,
    // A trial org lives in one browser: a second org is another browser's, where the same person signs in too.
    otherOrg: async () => {
      const other = await trialOrg({ name: 'Bo Owner', email: 'bo@example.org' });
      others.push(other);
      return other;
    },
  };
}

authorizationContract('trial backend (IndexedDB)', trialBackend, { inBrowser: true });
