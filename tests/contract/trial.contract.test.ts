import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTrialBackend } from '../../lib/backend/trial/worker/backend.ts';
import { openOrgDb } from '../../lib/db/open.ts';
import { ok } from '../../lib/domain/result.ts';
import type { CommandName } from '../../lib/features/registry.ts';
import { isSealedSecret, seal, unseal, vaultKey } from '../../lib/secrets/vault.ts';
import { freshDbName, manualClock, SANDBOX_CHECK } from '../fixtures/worker-harness.ts';
import { rawDump, dumpText } from '../resilience/support.ts';
import { authorizationContract, CONNECT_INPUT, type ContractBackend, type Run } from './contract.ts';

beforeEach(() => fakeBrowser.reset());

/** The org in this browser's IndexedDB; "signing in as" someone is this browser's session record. */
async function trialBackend(): Promise<ContractBackend> {
  const db = await openOrgDb(freshDbName());
  const clock = manualClock(Date.UTC(2026, 10, 30, 9));
  let ids = 0;
  const backend = createTrialBackend(db, {
    now: clock.now,
    newId: () => `id-${++ids}`,
    checkConnection: async () => ok(SANDBOX_CHECK),
    endpoints: { allowLoopback: true },
    seal: async (secret) => seal(await vaultKey(db), secret),
    unseal: async (sealed) => (isSealedSecret(sealed) ? unseal(await vaultKey(db), sealed) : undefined),
  });
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
