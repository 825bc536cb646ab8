/**
 * Helpers for the resilience tests: a raw view of every store, a way to put
 * a database back as it was, a "kill switch" that stops the worker at its
 * Nth IndexedDB write, and a replay of the activity log against the grants.
 */
import { wrap } from 'idb';
import type { OrgDatabase } from '../../lib/db/open.ts';
import type { ActivityEntry } from '../../lib/domain/activity.ts';
import type { Grant } from '../../lib/domain/grant.ts';
import { allGrants } from '../../lib/backend/trial/shared/grants.ts';
import { expandActivity } from '../../lib/domain/stored-activity.ts';

type StoreName = Parameters<OrgDatabase['getAll']>[0];

/** Every store's keys and values, as stored (structured clones). */
export interface RawDump {
  stores: Record<string, { keys: unknown[]; values: unknown[] }>;
}

export async function rawDump(db: OrgDatabase): Promise<RawDump> {
  const names = [...db.objectStoreNames] as StoreName[];
  const tx = db.transaction(names);
  const stores: RawDump['stores'] = {};
  await Promise.all(
    names.map(async (name) => {
      const store = tx.objectStore(name);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
      stores[name] = { keys, values };
    }),
  );
  await tx.done;
  return { stores };
}

const isCryptoKey = (v: unknown): v is CryptoKey => Object.prototype.toString.call(v) === '[object CryptoKey]';
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A dump as one comparable string: byte buffers as hex, CryptoKeys by their public facts. */
export function dumpText(dump: RawDump): string {
  return JSON.stringify(dump, (_key, value: unknown) => {
    if (value instanceof ArrayBuffer) return `bytes:${hex(new Uint8Array(value))}`;
    if (ArrayBuffer.isView(value))
      return `bytes:${hex(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))}`;
    if (isCryptoKey(value)) return `CryptoKey:${value.type}:${value.extractable}:${value.usages.join(',')}`;
    if (typeof value === 'number' && !Number.isFinite(value)) return `number:${String(value)}`;
    return value;
  });
}

export async function snapshot(db: OrgDatabase): Promise<string> {
  return dumpText(await rawDump(db));
}

/** Puts every store back as the dump had it (stores with a key path take the value alone). */
export async function restore(db: OrgDatabase, dump: RawDump): Promise<void> {
  const names = [...db.objectStoreNames] as StoreName[];
  const tx = db.transaction(names, 'readwrite');
  for (const name of names) {
    const store = tx.objectStore(name);
    await store.clear();
    const saved = dump.stores[name];
    if (!saved) continue;
    const inline = store.keyPath !== null;
    for (let i = 0; i < saved.values.length; i++) {
      // The stores are typed per name; the dump is not.
      const put = store.put as (value: unknown, key?: unknown) => Promise<unknown>;
      await (inline ? put.call(store, saved.values[i]) : put.call(store, saved.values[i], saved.keys[i]));
    }
  }
  await tx.done;
}

// ---- Kill switch --------------------------------------------------------------

const WRITES = ['put', 'add', 'delete', 'clear'] as const;
type WriteMethod = (typeof WRITES)[number];

export type KillMode =
  /** The worker dies: the browser aborts its open transaction, as on a real kill. */
  | 'abort'
  /** An exception at that write (a bug, a DataCloneError…) without anyone aborting the transaction. */
  | 'throw';

export interface KillSwitch {
  /** Writes seen so far (including the one that killed). */
  readonly writes: number;
  readonly killed: boolean;
  /** Puts the real methods back. */
  disarm(): void;
}

/**
 * Patches IDBObjectStore's write methods (fake-indexeddb's, installed as the
 * global) so that write number `at` (0-based) kills: in 'abort' mode the
 * transaction is aborted first, as the browser does when the worker dies.
 * `at` = Infinity only counts.
 */
export function armKillSwitch(at: number, mode: KillMode = 'abort'): KillSwitch {
  const proto = IDBObjectStore.prototype as unknown as Record<WriteMethod, (...args: unknown[]) => unknown>;
  const originals = WRITES.map((name) => [name, proto[name]] as const);
  let writes = 0;
  let killed = false;
  for (const [name, original] of originals) {
    proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
      const index = writes++;
      if (index === at) {
        killed = true;
        if (mode === 'abort') {
          // Nobody in a dead worker waits for tx.done: keep its rejection from being reported as unhandled.
          void (wrap(this.transaction) as unknown as { done: Promise<void> }).done.catch(() => undefined);
          this.transaction.abort();
        }
        throw new DOMException(
          `killed at write ${index} (${name} on ${this.name})`,
          mode === 'abort' ? 'AbortError' : 'DataCloneError',
        );
      }
      return original.apply(this, args);
    };
  }
  return {
    get writes() {
      return writes;
    },
    get killed() {
      return killed;
    },
    disarm() {
      for (const [name, original] of originals) proto[name] = original;
    },
  };
}

// ---- Activity log against grants ----------------------------------------------

/**
 * Replays the log member by member: access-granted opens a grant, access-removed
 * closes it. The log matches the grants when nobody is granted twice without a
 * removal between, nobody is removed while not granted, and who ends open (and
 * with which workspaces) is exactly who holds a grant.
 */
export function logMismatches(activity: readonly ActivityEntry[], grants: readonly Grant[]): string[] {
  const problems: string[] = [];
  const open = new Map<string, number[]>();
  for (const entry of [...activity].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
    const id = entry.memberId;
    if (id === undefined) continue;
    if (entry.kind === 'access-granted') {
      if (open.has(id)) problems.push(`${id} granted twice (seq ${entry.seq})`);
      const ws = entry.details?.workspaceIds;
      open.set(id, Array.isArray(ws) ? ws : []);
    } else if (entry.kind === 'access-removed') {
      if (!open.has(id)) problems.push(`${id} removed while not granted (seq ${entry.seq})`);
      open.delete(id);
    }
  }
  const held = new Map(grants.map((g) => [g.memberId, g.workspaceIds]));
  for (const [id, ws] of held) {
    if (!open.has(id)) problems.push(`${id} holds a grant the log never opened`);
    else if (JSON.stringify(open.get(id)) !== JSON.stringify(ws))
      problems.push(`${id} holds workspaces ${JSON.stringify(ws)}, the log says ${JSON.stringify(open.get(id))}`);
  }
  for (const id of open.keys()) if (!held.has(id)) problems.push(`${id} is granted in the log but holds no grant`);
  return problems;
}

// ---- Reading grants and the log as the backend's readers see them -------------

/** Every grant, one per member, however the store groups them. */
export const readGrants = (db: OrgDatabase): Promise<Grant[]> => allGrants(db.transaction('grantSets').store);

/** The activity log, one entry per member, oldest first. */
export const readActivity = async (db: OrgDatabase): Promise<ActivityEntry[]> =>
  expandActivity(await db.getAll('activity'));
