import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordFailedTry } from '../../lib/backend/trial/shared/jobs.ts';
import type { CommandName } from '../../lib/features/registry.ts';
import { aTrialBackend } from '../fixtures/worker-harness.ts';
import { useLocale } from '../unit/use-locale.ts';
import { activityTable, type ActivityBackend } from './activity.ts';
import { CONNECT_INPUT, type Run } from './contract.ts';

beforeEach(() => fakeBrowser.reset());

/** The org in this browser's IndexedDB; each caller's calls run with this browser's session set to them. */
async function trialBackend(): Promise<ActivityBackend> {
  const { db, clock, backend } = await aTrialBackend();
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
