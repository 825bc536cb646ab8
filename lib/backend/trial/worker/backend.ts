import type { OrgDatabase } from '../../../db/open.ts';
import type { PendingJob } from '../../../db/schema.ts';
import { connectionOf } from '../../../domain/org-connection.ts';
import { fail, type Result } from '../../../domain/result.ts';
import type { CommandServices } from '../../../features/command.ts';
import { callerFor, parseInput, runCommand, runsIn, type StoreAccess } from '../../../features/dispatch.ts';
import { COMMANDS, type CommandName, type CommandResult } from '../../../features/registry.ts';
import type { OrgBackend } from '../../port.ts';
import { writeAtomically } from '../shared/context.ts';
import { FIRST_SCREEN, keepFirstScreen } from '../shared/first-screen.ts';
import { pendingJobs, recordFailedTry } from '../shared/jobs.ts';
import { idbOrgStore, ORG_STORES, readOrgStore, type LocalOrgStore, type OrgTransaction } from '../shared/store.ts';
import { signedInView } from '../shared/view.ts';

/**
 * The org kept in this browser's IndexedDB (trial mode): every command runs
 * through the registry's dispatcher over one transaction. Bulk commands are
 * first written as jobs: a worker killed before the transaction commits
 * finds the job on its next start and applies it then, exactly once.
 */
export function createTrialBackend(db: OrgDatabase, services: CommandServices): OrgBackend {
  const read = <T>(work: (store: LocalOrgStore) => Promise<T>): Promise<T> => work(readOrgStore(db));
  // After every change it commits, before it answers: the next page paints this first (shared/first-screen.ts).
  // Not kept when it cannot be read: pages then read the store, as they would with nothing kept.
  const keepFirstScreenNow = () =>
    signedInView(db, { firstScreen: FIRST_SCREEN })
      .then(keepFirstScreen)
      .catch(() => keepFirstScreen(undefined).catch(() => undefined));
  const writeWith = async <T>(
    work: (store: LocalOrgStore) => Promise<Result<T>>,
    after?: (tx: OrgTransaction) => Promise<void>,
  ) => {
    const tx = db.transaction(ORG_STORES, 'readwrite');
    const result = await writeAtomically(tx, async () => {
      const outcome = await work(idbOrgStore(tx));
      if (outcome.ok && after) await after(tx);
      return outcome;
    });
    if (result.ok) await keepFirstScreenNow();
    return result;
  };
  const bySession: StoreAccess = {
    read,
    write: (work) => writeWith(work),
    actor: (store) => (store as LocalOrgStore).signedInMember(),
  };

  /** Applies a stored job as its sender; the job goes in the same transaction as the change. */
  const apply = async <K extends CommandName>(job: PendingJob): Promise<Result<CommandResult<K>>> => {
    const asSender: StoreAccess = {
      read,
      write: (work) => writeWith(work, (tx) => tx.objectStore('jobs').delete(job.id)),
      actor: (store) => store.members.get(job.actorId),
    };
    const result = await runCommand(asSender, services, job.command as K, job.input);
    // Refused by its rule at the time it applied: there is nothing left to finish.
    if (!result.ok) await db.delete('jobs', job.id);
    return result;
  };

  return {
    run: async <K extends CommandName>(name: K, input: unknown): Promise<Result<CommandResult<K>>> => {
      // The claim link is a team server's: here the first to sign in is the first admin.
      if (!runsIn(name, 'trial')) return fail('unknown-command', 'This command runs on a team server only.');
      const command = COMMANDS[name];
      if (!command.resumable) return runCommand(bySession, services, name, input);
      const parsed = parseInput(name, input);
      if (!parsed.ok) return parsed;
      // Refused before the job is stored: only a command its caller may run is kept for later.
      const allowed = await read((store) => callerFor(bySession, command.who, store));
      if (!allowed.ok) return allowed;
      const job: PendingJob = {
        id: services.newId(),
        command: name,
        input: parsed.value,
        actorId: allowed.value!.id,
        createdAt: services.now(),
        attempts: 0,
      };
      await db.put('jobs', job);
      try {
        return await apply<K>(job);
      } catch (error) {
        await recordFailedTry(db, job, services.now()).catch(() => undefined);
        // Never "nothing was changed": the stored job will still apply.
        console.error(
          `Marketo Access: the ${name} job did not apply yet (${error instanceof Error ? error.name : typeof error}).`,
        );
        return fail(
          'job-pending',
          'The change is saved but not applied yet: it will be applied when the extension restarts. Reload the extension to apply it now.',
        );
      }
    },
    readyAt: () => read(async (store) => connectionOf(await store.org.get())?.readyAt),
    resumePendingJobs: async () => {
      let applied = 0;
      for (const job of await pendingJobs(db)) {
        try {
          await apply(job);
          applied++;
        } catch {
          await recordFailedTry(db, job, services.now());
        }
      }
      // Each wake: what is kept in memory may be gone (a browser restart) or older than the store (an update).
      await keepFirstScreenNow();
      return applied;
    },
  };
}
