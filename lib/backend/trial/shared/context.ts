import type { StoredOrgState } from '../../../db/schema.ts';
import type { OrgConnectionState } from '../../../domain/org-connection.ts';
import type { Result } from '../../../domain/result.ts';
import type { Workspace } from '../../../domain/workspace.ts';

/** Anything with a `get` on the 'org' store and one on 'workspaces': a db or a transaction's stores. */
interface OrgReader {
  org: { get(key: 'connection'): Promise<StoredOrgState | undefined> };
  workspaces: { getAll(): Promise<Workspace[]> };
}

export async function readOrgState(reader: OrgReader): Promise<OrgConnectionState> {
  const stored = await reader.org.get('connection');
  if (!stored) return { status: 'not-connected' };
  if (stored.status === 'disconnected') return stored;
  const workspaces = await reader.workspaces.getAll();
  return { status: 'connected', connection: { ...stored.connection, workspaces } };
}

interface WriteTransaction {
  abort(): void;
  done: Promise<void>;
}

async function abort(tx: WriteTransaction): Promise<void> {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
  await tx.done.catch(() => undefined);
}

/**
 * Runs `work` in a write transaction and commits it only if `work` succeeds:
 * a refusal, or an exception part-way (IndexedDB would otherwise commit the
 * writes already made), aborts it, so a command changes all or nothing.
 */
export async function writeAtomically<T>(tx: WriteTransaction, work: () => Promise<Result<T>>): Promise<Result<T>> {
  let result: Result<T>;
  try {
    result = await work();
  } catch (error) {
    await abort(tx);
    throw error;
  }
  if (!result.ok) {
    await abort(tx);
    return result;
  }
  await tx.done;
  return result;
}

/**
 * Requests issued together and awaited together (one round of waiting, not
 * one per write). Each is marked handled as it is issued: when a transaction
 * aborts part-way, the requests already issued reject too, and must not
 * surface as unhandled rejections behind the error that caused the abort.
 */
export class Requests {
  private readonly issued: Promise<unknown>[] = [];

  add<T>(request: Promise<T>): Promise<T> {
    request.catch(() => undefined);
    this.issued.push(request);
    return request;
  }

  async all(): Promise<void> {
    await Promise.all(this.issued);
  }
}
