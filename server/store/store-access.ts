import { sql, type Kysely } from 'kysely';
import type { Result } from '../../lib/domain/result.ts';
import type { StoreAccess } from '../../lib/features/dispatch.ts';
import type { OrgStore } from '../../lib/features/store.ts';
import type { Database } from '../db/schema.ts';
import { noOrgStore } from './no-org-store.ts';
import { kyselyOrgStore } from './org-store.ts';
import { keptStore, NOT_KEPT, notingStore, type ReadSnapshots } from './read-snapshots.ts';

export const CHANGES_CHANNEL = 'org_changed';
export const IDEMPOTENCY_KEPT_MS = 24 * 60 * 60 * 1000;

export interface Caller {
  orgId: string;
  memberId: string;
}

export interface Idempotent {
  key: string;
  command: string;
}

/** A write answered from the idempotency table instead of being applied again. */
export class ReusedKey extends Error {
  readonly command: string;
  constructor(command: string) {
    super('Idempotency key already used');
    this.command = command;
  }
}

/**
 * StoreAccess for one caller of one org. A write is one transaction that
 * locks the org's row first (so writers of one org queue, and a rule such as
 * the 100th seat is decided against what the previous writer committed),
 * commits only a success, bumps the org's version and notifies listeners on
 * commit. With an idempotency key, the stored answer of an earlier success is
 * returned and nothing is applied again; a new success stores its answer in
 * the same transaction.
 */
export function orgStoreAccess(
  db: Kysely<Database>,
  caller: Caller | undefined,
  idempotent?: Idempotent,
  snapshots?: ReadSnapshots,
): StoreAccess {
  if (!caller) {
    const store = noOrgStore();
    return { read: (work) => work(store), write: (work) => work(store), actor: async () => undefined };
  }
  const { orgId, memberId } = caller;
  return {
    // One snapshot for all of a read's queries (a view never mixes before and after a write); with `snapshots`,
    // what was read at the org's current version answers without reading it again (read-snapshots.ts).
    read: async (work) => {
      if (snapshots) {
        // The one query of a kept read: plain SQL, as it runs on every status read.
        const { rows } = await sql<{ version: number }>`select version from orgs where id = ${orgId}`.execute(db);
        const answers = rows[0] && snapshots.at(orgId, rows[0].version);
        if (answers)
          try {
            return await work(keptStore(answers));
          } catch (error) {
            if (error !== NOT_KEPT) throw error;
          }
      }
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const store = kyselyOrgStore(trx, orgId);
          if (!snapshots) return work(store);
          const answers = new Map<string, unknown>();
          const [result, org] = await Promise.all([
            work(notingStore(store, answers)),
            trx.selectFrom('orgs').select('version').where('id', '=', orgId).executeTakeFirst(),
          ]);
          if (org) snapshots.keep(orgId, org.version, answers);
          return result;
        });
    },
    // Re-read in the command's own transaction: a member removed meanwhile is nobody.
    actor: (store) => store.members.get(memberId),
    write: async <T>(work: (store: OrgStore) => Promise<Result<T>>): Promise<Result<T>> => {
      const rollback = Symbol('rollback');
      let refusal: Result<T> | undefined;
      try {
        return await db.transaction().execute(async (trx) => {
          const locked = await trx
            .selectFrom('orgs')
            .select('id')
            .where('id', '=', orgId)
            .forUpdate()
            .executeTakeFirst();
          if (!locked) throw new Error('The caller’s org is gone.');
          if (idempotent) {
            const stored = await trx
              .selectFrom('idempotency')
              .select(['command', 'response'])
              .where('org_id', '=', orgId)
              .where('key', '=', idempotent.key)
              .executeTakeFirst();
            if (stored && stored.command !== idempotent.command) throw new ReusedKey(stored.command);
            if (stored) return stored.response as Result<T>;
          }
          const outcome = await work(kyselyOrgStore(trx, orgId));
          if (!outcome.ok) {
            refusal = outcome;
            throw rollback;
          }
          const bumped = await trx
            .updateTable('orgs')
            .set((eb) => ({ version: eb('version', '+', 1) }))
            .where('id', '=', orgId)
            .returning('version')
            .executeTakeFirstOrThrow();
          if (idempotent) {
            // A client retries within minutes; a day of answers is plenty, and keeps the table small.
            await trx
              .deleteFrom('idempotency')
              .where('org_id', '=', orgId)
              .where('created_at', '<', Date.now() - IDEMPOTENCY_KEPT_MS)
              .execute();
            await trx
              .insertInto('idempotency')
              .values({
                org_id: orgId,
                key: idempotent.key,
                command: idempotent.command,
                response: JSON.stringify(outcome),
                created_at: Date.now(),
              })
              .execute();
          }
          // Delivered by PostgreSQL only if this transaction commits.
          await sql`select pg_notify(${CHANGES_CHANNEL}, ${`${orgId}:${bumped.version}`})`.execute(trx);
          return outcome;
        });
      } catch (error) {
        if (error === rollback && refusal) return refusal;
        throw error;
      }
    },
  };
}
