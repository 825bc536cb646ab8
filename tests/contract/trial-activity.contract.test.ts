import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordFailedTry } from '../../lib/backend/trial/shared/jobs.ts';
import { createTrialBackend } from '../../lib/backend/trial/worker/backend.ts';
import { openOrgDb } from '../../lib/db/open.ts';
import { ok } from '../../lib/domain/result.ts';
import type { CommandName } from '../../lib/features/registry.ts';
import { isSealedSecret, seal, unseal, vaultKey } from '../../lib/secrets/vault.ts';
import { freshDbName, manualClock, SANDBOX_CHECK } from '../fixtures/worker-harness.ts';
import { useLocale } from '../unit/use-locale.ts';
import { activityTable, type ActivityBackend } from './activity.ts';
import { CONNECT_INPUT, type Run } from './contract.ts';

beforeEach(() => fakeBrowser.reset());

/** The org in this browser's IndexedDB; each caller's calls run with this browser's session set to them. */
async function trialBackend(): Promise<ActivityBackend> {
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
    (memberId: string): Run =>
    async (name: CommandName, input: unknown) => {
      await db.put('session', { memberId }, 'signed-in');
      return backend.run(name, input);
    };
  const signIn = async (email: string, name: string) => {
    const signedIn = await backend.run('signIn', { name, email });
    if (!signedIn.ok) throw new Error(signedIn.problem.message);
    return signedIn.value.id;
  };
  const ownerId = await signIn('olivia@example.com', 'Olivia Owner');
  return {
    owner: asSession(ownerId),
    signIn: async (email, name) => asSession(await signIn(email, name)),
    advance: (ms) => void clock.advance(ms),
    connectInput: CONNECT_INPUT,
    // A stored bulk change of the owner's that already failed twice fails once more: it is set aside.
    setAsideJob: async () => {
      const job = {
        id: 'job-1',
        command: 'grantAccess' as const,
        input: { memberIds: [], workspaceIds: [] },
        actorId: ownerId,
        createdAt: clock.now(),
        attempts: 2,
      };
      await db.put('jobs', job);
      await recordFailedTry(db, job, clock.now());
    },
    close: async () => db.close(),
  };
}

activityTable('trial backend (IndexedDB)', trialBackend, useLocale);
