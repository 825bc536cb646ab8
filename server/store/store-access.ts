import { maySignIn } from '../../lib/features/session/rules.ts';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DirectoryCaller } from '../../lib/domain/directory.ts';
import type { Result } from '../../lib/domain/result.ts';
import type { StoreAccess } from '../../lib/features/dispatch.ts';
import { readOrgData, viewFor, type OrgView } from '../../lib/features/session/view.ts';
import type { OrgStore } from '../../lib/features/store.ts';
import { hashToken } from '../claim/owner-claim.ts';
import type { Database } from '../db/schema.ts';
import { keepAnswer, storedAnswer } from './idempotency.ts';
import { noOrgStore } from './no-org-store.ts';
import { kyselyOrgStore } from './org-store.ts';
import type { OrgVersion } from './org-version.ts';
import { keptStore, NOT_KEPT, notingStore, type ReadSnapshots } from './read-snapshots.ts';

export const CHANGES_CHANNEL = 'org_changed';

export interface Caller {
  orgId: string;
  memberId: string;
}

/** The org's company directory calling over SCIM, with one of the org's tokens (server/scim/). */
export interface DirectoryCallerRef {
  orgId: string;
  tokenId: string;
}

/** What this process kept of earlier reads, and how it learns whether they still hold (the org's version). */
export interface KeptReads {
  snapshots: ReadSnapshots;
  orgVersion: OrgVersion;
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
 * StoreAccess for one command, and what its answer carries besides its
 * value: the org's version it read or wrote, and after a write the caller's
 * own view, so the browser that asked needs no second request.
 */
export interface AnsweringAccess extends StoreAccess {
  answered(): { version?: number; view?: OrgView };
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
  caller: Caller | DirectoryCallerRef | undefined,
  idempotent?: Idempotent,
  kept?: KeptReads,
): AnsweringAccess {
  if (!caller) {
    const store = noOrgStore();
    return {
      read: (work) => work(store),
      write: (work) => work(store),
      actor: async () => undefined,
      answered: () => ({}),
    };
  }
  const { orgId } = caller;
  const memberId = 'memberId' in caller ? caller.memberId : undefined;
  const tokenId = 'tokenId' in caller ? caller.tokenId : undefined;
  let answered: { version?: number; view?: OrgView } = {};
  const versionOf = async (trx: Kysely<Database>) =>
    (await trx.selectFrom('orgs').select('version').where('id', '=', orgId).executeTakeFirst())?.version;
  // A member the company directory deactivated is nobody, whatever a cached caller says (its sessions end with
  // the change, and the notice reaching this process's caller cache is not awaited by the next request).
  const actor = async (store: OrgStore) => {
    const member = memberId === undefined ? undefined : await store.members.get(memberId);
    return member && maySignIn(member) ? member : undefined;
  };
  // Re-read in the command's transaction too: a token revoked meanwhile is nobody.
  const directory = async (store: OrgStore): Promise<DirectoryCaller | undefined> => {
    const token = tokenId === undefined ? undefined : (await store.directory?.tokens())?.find((t) => t.id === tokenId);
    return token && { kind: 'directory', tokenId: token.id, name: token.name };
  };
  return {
    answered: () => answered,
    // One snapshot for all of a read's queries (a view never mixes before and after a write); with `kept`,
    // what was read at the org's current version answers without reading it again (read-snapshots.ts).
    read: async (work) => {
      if (kept) {
        // The one query of a kept read (org-version.ts).
        const version = await kept.orgVersion(orgId);
        const answers = version !== undefined && kept.snapshots.at(orgId, version);
        if (answers)
          try {
            const result = await work(keptStore(answers));
            answered = { version: version! };
            return result;
          } catch (error) {
            if (error !== NOT_KEPT) throw error;
          }
      }
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          // First in the transaction: the snapshot every later query reads is this version's.
          const version = await versionOf(trx);
          answered = version === undefined ? {} : { version };
          const store = kyselyOrgStore(trx, orgId);
          if (!kept) return work(store);
          const answers = new Map<string, unknown>();
          const result = await work(notingStore(store, answers));
          if (version !== undefined) kept.snapshots.keep(orgId, version, answers);
          return result;
        });
    },
    // Re-read in the command's own transaction: a member removed meanwhile is nobody.
    actor,
    directory,
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
            const stored = await storedAnswer(trx, orgId, idempotent.key);
            if (stored && stored.command !== idempotent.command) throw new ReusedKey(stored.command);
            if (stored) {
              const { result, ...rest } = stored.answered;
              answered = rest;
              return result as Result<T>;
            }
          }
          const store = kyselyOrgStore(trx, orgId);
          const outcome = await work(store);
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
          // The caller's view after the change, read in the same transaction: their browser keeps it.
          const me = await actor(store);
          answered = { version: bumped.version, ...(me && { view: viewFor(me, await readOrgData(store)) }) };
          if (idempotent)
            await keepAnswer(trx, orgId, idempotent.key, idempotent.command, { result: outcome, ...answered });
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

/**
 * StoreAccess for a command that creates its org (the claim link): one
 * transaction over an org that does not exist until the command's claim
 * makes it; nobody follows it yet, so no version and no notice.
 */
export function newOrgAccess(db: Kysely<Database>, now: () => number): AnsweringAccess {
  const refused = Symbol('refused');
  return {
    answered: () => ({}),
    read: (work) => work(noOrgStore()),
    actor: async () => undefined,
    write: async <T>(work: (store: OrgStore) => Promise<Result<T>>): Promise<Result<T>> => {
      let refusal: Result<T> | undefined;
      try {
        return await db.transaction().execute(async (trx) => {
          const orgId = randomUUID();
          const claim = {
            redeem: async (token: string, orgName: string) => {
              const used = await trx
                .updateTable('owner_claims')
                .set({ used_at: now() })
                .where('token_hash', '=', hashToken(token))
                .where('used_at', 'is', null)
                .returning('token_hash')
                .executeTakeFirst();
              if (!used) return false;
              await trx.insertInto('orgs').values({ id: orgId, name: orgName, created_at: now() }).execute();
              return true;
            },
          };
          const outcome = await work({ ...kyselyOrgStore(trx, orgId), claim });
          if (!outcome.ok) {
            refusal = outcome;
            throw refused;
          }
          return outcome;
        });
      } catch (error) {
        if (error === refused && refusal) return refusal;
        throw error;
      }
    },
  };
}
