import type { OrgDatabase } from '../../../db/open.ts';
import type { PendingJob } from '../../../db/schema.ts';
import { connectionOf } from '../../../domain/org-connection.ts';
import { fail, type Result } from '../../../domain/result.ts';
import type { CommandServices } from '../../../features/command.ts';
import { callerFor, parseInput, runCommand, type StoreAccess } from '../../../features/dispatch.ts';
import { COMMANDS, type CommandName, type CommandResult } from '../../../features/registry.ts';
import type { OrgBackend } from '../../port.ts';
import { writeAtomically } from '../shared/context.ts';
import { pendingJobs, recordFailedTry, withSetAside } from '../shared/jobs.ts';
import { idbOrgStore, ORG_STORES, readOrgStore, type LocalOrgStore, type OrgTransaction } from '../shared/store.ts';

/**
 * The org kept in this browser's IndexedDB (trial mode): every command runs
 * through the registry's dispatcher over one transaction. Bulk commands are
 * first written as jobs: a worker killed before the transaction commits
 * finds the job on its next start and applies it then, exactly once.
 */
export function createTrialBackend(db: OrgDatabase, services: CommandServices): OrgBackend {
  const read = <T>(work: (store: LocalOrgStore) => Promise<T>): Promise<T> => work(readOrgStore(db));
  const writeWith = <T>(
    work: (store: LocalOrgStore) => Promise<Result<T>>,
    after?: (tx: OrgTransaction) => Promise<void>,
  ) => {
    const tx = db.transaction(ORG_STORES, 'readwrite');
    return writeAtomically(tx, async () => {
      const result = await work(idbOrgStore(tx));
      if (result.ok && after) await after(tx);
      return result;
    });
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
      const command = COMMANDS[name];
      if (!command.resumable) {
        const result = await runCommand(bySession, services, name, input);
        if (name === 'getState' && result.ok) await withSetAside(db, result.value as CommandResult<'getState'>);
        return result;
      }
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
      return applied;
    },
  };
}
